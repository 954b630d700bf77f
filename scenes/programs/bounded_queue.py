"""mpstage scene
title: Queue(maxsize): put() waits for room
summary: A Queue built with maxsize holds at most that many items. Once it is full, put() waits until a consumer gets one; put_nowait() and put(timeout=...) raise queue.Full instead of waiting, and on an empty queue get_nowait() and get(timeout=...) raise queue.Empty. Without a consumer, the blocking put() waits for ever.
tags: queue, seed
difficulty: 1
look: Watch the counter of free places on q: every put() takes one, every get() gives one back, whether or not the item has reached the pipe yet.
predict: The queue is full. What do put_nowait() and put() with a timeout do? And the plain put() after the consumer has started?
why: maxsize counts items, not bytes: a semaphore that starts at maxsize. put_nowait() finds it at zero and raises Full at once; put(timeout=0.2) waits 0.2 seconds first. The plain put() waits as long as it takes: here until the consumer's get() gives a place back. With no consumer, nobody ever will, and it waits for ever. On the way out, get(timeout=...) and get_nowait() raise Empty once the queue is drained.
param maxsize (maxsize): int 1..10 = 3 -- how many items the queue may hold
param delay (Consumer's delay (s)): float 0.1..3 = 0.5 -- how long the consumer sleeps before it gets one item
param timeout (Timeout (s)): float 0.05..2 = 0.2 -- the timeout given to put() and get()
param consumer (Start the consumer): bool = true -- start a process that gets one item after its delay
variant: no consumer: put() waits for ever | consumer=false
expect when consumer=false: hangs -- put() on the full queue waits for a get() that nobody will do
expect: completes -- the extra put() raises Full twice, then waits until the consumer gets 0, and the queue drains to Empty
hang says: "put()", "full"
prints:
    full(): True qsize(): 3
    put_nowait(): Full
    put(timeout=0.2): Full
    consumer got 0
    put() blocked until the consumer made room: True
    got 1
    got 2
    got one more
    get(timeout=0.2): Empty
    get_nowait(): Empty
"""
import multiprocessing
import queue
import time


def slow_consumer(q):
    time.sleep(delay)
    print('consumer got', q.get())


if __name__ == '__main__':
    q = multiprocessing.Queue(maxsize=maxsize)
    for i in range(maxsize):
        q.put(i)
    print('full():', q.full(), 'qsize():', q.qsize())
    try:
        q.put_nowait('one more')
    except queue.Full:
        print('put_nowait(): Full')
    try:
        q.put('one more', timeout=timeout)
    except queue.Full:
        print(f'put(timeout={timeout:g}): Full')
    if consumer:
        p = multiprocessing.Process(target=slow_consumer, args=(q,))
        start = time.monotonic()
        p.start()
    q.put('one more')  # blocks until there is room
    if consumer:
        waited = time.monotonic() - start
        p.join()
        print('put() blocked until the consumer made room:', waited >= delay)
    while True:
        try:
            print('got', q.get(timeout=timeout))
        except queue.Empty:
            print(f'get(timeout={timeout:g}): Empty')
            break
    try:
        q.get_nowait()
    except queue.Empty:
        print('get_nowait(): Empty')
