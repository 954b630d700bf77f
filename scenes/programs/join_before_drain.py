"""mpstage scene
title: join() before get(): the producer cannot exit
summary: A child puts 200 items of 1 KiB on a Queue and ends. But a process that has put items does not exit until its feeder thread has written every one into the queue's pipe, and a pipe holds only 64 KiB. The parent joins the child before getting anything: the child waits for a reader, the parent waits for the child. Getting the items first, then joining, fixes it.
tags: queue, pitfall
difficulty: 3
look: Watch the producer's local buffer: the feeder thread empties it into the pipe until the pipe is full, then stops, with items still waiting.
predict: The producer has printed that every item is put, and its function has returned. Why does p.join() not return?
why: put() only hands an item to the feeder thread; before the process exits, it waits for the feeder to write everything into the pipe, so that nothing is lost. Two hundred kilobytes do not fit in a 64 KiB pipe, so the feeder waits for a reader, and the only reader is the parent, waiting in join() for the producer to exit. The rule from the Python docs: get the items from a queue before joining the processes that put them.
param items (Items): int 1..1000 = 200 -- how many items the producer puts
param size (Item size (bytes)): int 1..65536 = 1024 -- how many bytes each item holds
param drain_first (Get before join): bool = false -- the parent gets every item first and joins the producer after
variant: get the items first, then join | drain_first=true
expect when drain_first=true: completes -- the parent gets every item, then joins the producer
expect: hangs -- the producer cannot exit until its items are in the pipe, and the parent joins it before reading them
hang says: "join()", "get() the items before join()"
prints when drain_first=true:
    producer: every item is put
    got 200 items of 1024 bytes
"""
# With fewer or smaller items, everything fits in the 64 KiB pipe (each item costs its bytes and about 20 bytes
# of framing) and the join returns: the header's `expect` speaks of the sizes that do not fit.
import multiprocessing


def producer(q):
    for i in range(items):
        q.put(bytes(size))
    print('producer: every item is put')


if __name__ == '__main__':
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    p.start()
    if not drain_first:
        p.join()  # waits for the producer to exit...
    got = [q.get() for _ in range(items)]
    if drain_first:
        p.join()
    print('got', len(got), 'items of', len(got[0]), 'bytes')
