# SPDX-License-Identifier: MIT
"""CPython's multiprocessing doing the work of queue_bench.cpp: the same item counts, forked processes that
start together, and the clock stopped only once the last item has been delivered (for JoinableQueue, once the
producer's join() has returned).

Prints one JSON object per line: {"figure": "queue_int_1", "value": 123456.0, "unit": "items/s"}.
Run: python3 tests/benchmarks/python/queue_bench.py
"""
from bench_common import CTX, emit, run_team

# Keep in step with workloads.h.
QUEUE_INTS = 200_000
QUEUE_BYTES = 50_000
QUEUE_BYTES_SIZE = 1024
SIMPLE_QUEUE_INTS = 200_000
JOINABLE_ITEMS = 100_000


# The loops bind methods to local names, as tuned CPython code does: CPython gets its best shot.
def _put_ints(q, first, count):
    put = q.put
    for i in range(first, first + count):
        put(i)


def _put_payload(q, payload, count):
    put = q.put
    for _ in range(count):
        put(payload)


def _get(q, count):
    get = q.get
    for _ in range(count):
        get()


def _put_join(q, count):
    put = q.put
    for i in range(count):
        put(i)
    q.join()


def _get_task_done(q, count):
    get, task_done = q.get, q.task_done
    for _ in range(count):
        get()
        task_done()


def _ints(queue, n, total):
    each = total // n
    members = [(_put_ints, (queue, p * each, each), False) for p in range(n)]
    members += [(_get, (queue, each), True) for _ in range(n)]
    return run_team(members)


def main():
    for n in (1, 4):
        emit(f"queue_int_{n}", QUEUE_INTS / _ints(CTX.Queue(), n, QUEUE_INTS), "items/s")
    q = CTX.Queue()
    elapsed = run_team([(_put_payload, (q, b"x" * QUEUE_BYTES_SIZE, QUEUE_BYTES), False),
                        (_get, (q, QUEUE_BYTES), True)])
    emit("queue_bytes_1k", QUEUE_BYTES / elapsed, "items/s")
    emit("queue_bytes_1k", QUEUE_BYTES * QUEUE_BYTES_SIZE / elapsed, "bytes/s")
    emit("simple_queue_int", SIMPLE_QUEUE_INTS / _ints(CTX.SimpleQueue(), 1, SIMPLE_QUEUE_INTS), "items/s")
    q = CTX.JoinableQueue()
    elapsed = run_team([(_put_join, (q, JOINABLE_ITEMS), True), (_get_task_done, (q, JOINABLE_ITEMS), False)])
    emit("joinable_put_task_done", JOINABLE_ITEMS / elapsed, "items/s")


if __name__ == "__main__":
    main()
