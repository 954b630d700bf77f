# SPDX-License-Identifier: MIT
"""The seeds' blog workload (seeds/004): 5 processes each put 1,000,000 running subtotals on one Queue while
MainProcess sums them; the clock runs from the first start() until the total is known.

Prints one JSON object per line, as bench_common.emit does. PUTS=N in the environment changes the count.
Run: python3 tests/benchmarks/python/blog_queue.py
"""
import os
import time
from multiprocessing import Process, Queue

from bench_common import emit

PROCESSES = 5
PUTS = int(os.environ.get("PUTS", "1000000"))


def worker(base, q):
    put = q.put
    sub_total = 0
    for _ in range(base):
        sub_total += 1
        put(sub_total)


def main():
    q = Queue()
    start = time.perf_counter()
    processes = [Process(target=worker, args=(PUTS, q)) for _ in range(PROCESSES)]
    for p in processes:
        p.start()
    total = 0
    get = q.get
    for _ in range(PROCESSES * PUTS):
        total += get()
    for p in processes:
        p.join()
    elapsed = time.perf_counter() - start
    assert total == PROCESSES * PUTS * (PUTS + 1) // 2, total
    emit("blog_queue_5x", PROCESSES * PUTS / elapsed, "items/s")


if __name__ == "__main__":
    main()
