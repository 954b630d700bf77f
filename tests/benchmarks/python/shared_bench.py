# SPDX-License-Identifier: MIT
"""CPython's multiprocessing doing the work of shared_bench.cpp: `with v.get_lock(): v.value += 1` from 1, 2
and 4 forked processes (the final value checked), and copying 1 MiB blocks through a SharedMemory from one
process to another, handed back and forth with two Semaphores.

Prints one JSON object per line: {"figure": "value_increment_2", "value": 123456.0, "unit": "items/s"}.
Run: python3 tests/benchmarks/python/shared_bench.py
"""
from multiprocessing import shared_memory

from bench_common import CTX, emit, run_team

# Keep in step with workloads.h.
VALUE_INCREMENTS = 1_000_000
SHM_BLOCK = 1 << 20
SHM_ROUNDS = 1_000


def _increment(v, count):
    lock = v.get_lock()  # bound once: CPython gets its best shot
    for _ in range(count):
        with lock:
            v.value += 1


def _write_blocks(name, empty, full):
    shm = shared_memory.SharedMemory(name)
    src = b"x" * SHM_BLOCK
    buf = shm.buf
    for _ in range(SHM_ROUNDS):
        empty.acquire()
        buf[:SHM_BLOCK] = src
        full.release()
    del buf
    shm.close()


def _read_blocks(name, empty, full):
    shm = shared_memory.SharedMemory(name)
    dst = bytearray(SHM_BLOCK)
    view, buf = memoryview(dst), shm.buf
    for _ in range(SHM_ROUNDS):
        full.acquire()
        view[:] = buf[:SHM_BLOCK]
        empty.release()
    del view, buf
    if dst[-1] != ord("x"):
        raise SystemExit("the block did not arrive")
    shm.close()


def main():
    for n in (1, 2, 4):
        each = VALUE_INCREMENTS // n
        v = CTX.Value("i", 0)
        elapsed = run_team([(_increment, (v, each), True) for _ in range(n)])
        if v.value != each * n:
            raise SystemExit("increments were lost")
        emit(f"value_increment_{n}", each * n / elapsed, "items/s")
    shm = shared_memory.SharedMemory(create=True, size=SHM_BLOCK)
    try:
        empty, full = CTX.Semaphore(1), CTX.Semaphore(0)
        elapsed = run_team([(_write_blocks, (shm.name, empty, full), False),
                            (_read_blocks, (shm.name, empty, full), True)])
        emit("shm_memcpy_1m", SHM_ROUNDS * SHM_BLOCK / elapsed, "bytes/s")
    finally:
        shm.close()
        shm.unlink()


if __name__ == "__main__":
    main()
