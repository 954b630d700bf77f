"""mpstage scene
title: Waiting for a condition: producer and consumer
summary: The consumer waits on a Condition until the shared count says there is an item; the producer notifies after each one.
tags: locks
difficulty: 2
look: The condition's lock passing between the two processes, and the consumer asleep in wait().
predict: Does the consumer see every item, even when it is slower than the producer?
why: wait() releases the lock while it sleeps and takes it back before it returns; wait_for re-checks the predicate, so a notify that came before the wait is not lost: the count already says so.
param items: int 1..10 = 5 -- how many items the producer makes
expect: completes -- the consumer takes every item
"""
import multiprocessing as mp


def consumer(cond, count, taken):
    for _ in range(taken.value, items_total.value):
        with cond:
            cond.wait_for(lambda: count.value > 0)
            count.value -= 1
            taken.value += 1


if __name__ == '__main__':
    cond = mp.Condition()
    count, taken = mp.Value('i', 0), mp.Value('i', 0)
    items_total = mp.Value('i', items)
    c = mp.Process(target=consumer, args=(cond, count, taken))
    c.start()
    for _ in range(items):
        with cond:
            count.value += 1
            cond.notify()
    c.join()
    print('the consumer took', taken.value, 'of', items, 'items')
