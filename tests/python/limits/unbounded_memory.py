# Allocates without bound until the memory limit stops it with MemoryError.
blocks = []
while True:
    blocks.append(bytearray(256 * 2**20))
