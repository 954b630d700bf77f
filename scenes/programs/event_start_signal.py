"""mpstage scene
title: Ready, steady, go: an Event as a start signal
summary: Workers wait on one Event; set() releases all of them at once.
tags: locks
difficulty: 1
look: The workers blocked in wait() until MainProcess calls set().
predict: Does any worker start before set()?
why: Event.wait() blocks until the flag is set; set() wakes every waiter, and later waits return at once. clear() would make them wait again.
param workers: int 1..6 = 3 -- how many workers wait for the signal
expect: completes -- every worker starts after the signal
"""
import multiprocessing as mp
import time


def worker(go, started):
    go.wait()
    started.put(time.monotonic())


if __name__ == '__main__':
    go = mp.Event()
    started = mp.Queue()
    ps = [mp.Process(target=worker, args=(go, started)) for _ in range(workers)]
    for p in ps:
        p.start()
    time.sleep(0.2)
    print('anyone started before set():', not started.empty())
    signal_at = time.monotonic()
    go.set()
    times = [started.get() for _ in ps]
    for p in ps:
        p.join()
    print('all started after set():', all(t >= signal_at for t in times))
