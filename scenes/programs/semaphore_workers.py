"""mpstage scene
title: A Semaphore caps how many workers run at once
summary: Semaphore(k) lets at most k processes into the section; the others wait in acquire().
tags: locks
difficulty: 1
look: The semaphore's count and the processes queueing in acquire().
predict: With 5 workers and Semaphore(2), how many are ever inside at once?
why: acquire() takes one unit of the count and waits when it is 0; release() gives one back and wakes a waiter. The cap holds across processes because the count is in shared memory.
param workers: int 2..8 = 5 -- how many worker processes
param slots: int 1..4 = 2 -- the semaphore's initial value
expect: completes -- never more than `slots` workers inside
"""
import multiprocessing as mp
import time


def worker(sem, inside, peak, guard):
    with sem:
        with guard:
            inside.value += 1
            peak.value = max(peak.value, inside.value)
        time.sleep(0.1)
        with guard:
            inside.value -= 1


if __name__ == '__main__':
    sem = mp.Semaphore(slots)
    inside, peak, guard = mp.Value('i', 0), mp.Value('i', 0), mp.Lock()
    ps = [mp.Process(target=worker, args=(sem, inside, peak, guard)) for _ in range(workers)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print('most workers inside at once:', peak.value, '(the cap is', slots, ')')
