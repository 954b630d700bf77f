"""mpstage scene
title: A producer that leaves before its feeder has written
summary: cancel_join_thread() lets a process exit without waiting for its feeder thread; what was still in its buffer is lost, and only a prefix of the items arrives.
tags: queue, pitfall
difficulty: 3
look: The producer's local buffer and its feeder thread: at exit the feeder is either waited for (join_thread) or abandoned.
predict: With cancel_join_thread(), how many of the items does the consumer get?
why: A Queue's put() only appends to a local buffer; the feeder thread writes to the pipe later. At exit a process joins its feeder so everything is written, unless cancel_join_thread() was called: then the process leaves at once and the items still in the buffer never reach the pipe.
param items: int 1..2000 = 1000 -- how many items the producer puts
param cancel: bool = true -- the producer calls cancel_join_thread() before it exits
variant: Let the feeder finish | cancel=false
expect when cancel=false: completes -- the consumer gets every item
expect: completes -- the consumer gets only the items the feeder had written, in order
"""
import multiprocessing as mp


def producer(q, n, cancel):
    for i in range(n):
        q.put(i)
    if cancel:
        q.cancel_join_thread()
    q.close()


if __name__ == '__main__':
    q = mp.Queue()
    p = mp.Process(target=producer, args=(q, items, cancel))
    p.start()
    p.join()
    got = []
    while True:
        try:
            got.append(q.get(timeout=0.5))
        except Exception:
            break
    print('received', len(got), 'of', items, 'items; a prefix in order:', got == list(range(len(got))))
