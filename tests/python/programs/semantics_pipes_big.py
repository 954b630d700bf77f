# Big messages through recv_bytes() (items 33, 45): sizes on both sides of 64 KiB and of 1 MiB arrive whole and
# as bytes, EOF after the last one is EOFError, and a message whose writer stops part-way raises OSError with
# CPython's words. (The engine reads a message of 64 KiB to 1 MiB straight into its bytes object.)
import multiprocessing as mp
import os
import struct

SIZES = (65535, 65536, 100000, 1 << 20, (1 << 20) + 1, 3 << 20)


def body(n):
    return bytes(range(256)) * (n // 256) + b'x' * (n % 256)


def child(c):
    for n in SIZES:
        c.send_bytes(body(n))
    c.close()


def cut_short(c):
    os.write(c.fileno(), struct.pack('!i', 200000) + b'y' * 70000)  # says 200000 bytes, writes 70000
    c.close()


if __name__ == '__main__':
    a, b = mp.Pipe()
    p = mp.Process(target=child, args=(b,))
    p.start()
    b.close()
    for n in SIZES:
        got = a.recv_bytes()
        print(n, len(got), got == body(n), type(got).__name__)
    try:
        a.recv_bytes()
    except EOFError:
        print('then EOFError')
    p.join()

    r, w = mp.Pipe(duplex=False)
    q = mp.Process(target=cut_short, args=(w,))
    q.start()
    w.close()
    try:
        r.recv_bytes()
    except OSError as e:
        print('cut short:', type(e).__name__, e)
    q.join()
