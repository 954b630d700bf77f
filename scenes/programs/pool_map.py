"""mpstage scene
title: Pool.map: a task queue, workers and a result queue
summary: Pool(n).map(f, items) puts chunks of tasks on a queue that n worker processes share, and collects their results from another queue, in order.
tags: queue, pool
difficulty: 2
look: The pool's two queues: tasks going to the ForkPoolWorker processes, results coming back.
predict: The results come back in whatever order the workers finish: is map()'s list in order?
why: map() numbers each chunk; the pool's result handler puts each chunk's results at its place, so the list is in order whatever order the workers finished in.
param workers: int 1..4 = 3 -- worker processes
param items: int 1..40 = 12 -- how many numbers to square
expect: completes -- the squares, in order
"""
import multiprocessing as mp


def square(x):
    return x * x


if __name__ == '__main__':
    with mp.Pool(workers) as pool:
        print(pool.map(square, range(items)))
