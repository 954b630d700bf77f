"""mpstage scene
title: qsize() says 3 while empty() says True
summary: A producer puts three items and signals that it is done; the parent asks the queue how long it is and whether it is empty. qsize() counts what has been put, through a semaphore every process shares, so it says 3 at once. empty() asks whether the pipe has anything to read, and the producer's feeder thread has not written yet, so for a moment it says True. A moment later the two agree.
tags: queue
difficulty: 2
look: Watch the three items sit in the producer's local buffer while the parent asks, then trickle into the pipe.
predict: The producer has put three items and said so. What will qsize() answer? And empty()?
why: qsize() is maxsize minus the semaphore's value: put() took the semaphore in the producer, and the semaphore is shared, so the parent sees 3 at once, even though the items are still in the producer's buffer. empty() only sees the pipe, and the feeder thread has not written to it yet. Neither answer is wrong, and neither can be trusted for long: both describe a moment that has already passed.
param items (Items): int 1..10 = 3 -- how many items the producer puts
param feeder_delay (Feeder slow motion (s)): float 0..2 = 0.3 -- how long the feeder thread waits before each write, so the lag can be seen (0 = as fast as Python)
param wait (Wait before asking again (s)): float 0..5 = 0.6 -- time.sleep() between the first two questions
variant: no slow motion: the feeder races empty() | feeder_delay=0
expect when feeder_delay=0: completes -- qsize() says 3 both times, and empty() says True or False depending on whether the feeder thread has written yet
expect: completes -- first qsize() says 3 while empty() says True; a moment later empty() says False
prints:
    qsize(): 3 empty(): True
    qsize(): 3 empty(): False
    got [0, 1, 2]
    qsize(): 0 empty(): True
prints when feeder_delay=0:
    qsize(): 3 empty(): ...
    qsize(): 3 empty(): ...
    got [0, 1, 2]
    qsize(): 0 empty(): True
"""
# In CPython the feeder usually wins the race, so without the slow motion empty() mostly says False.
import multiprocessing
import time


def producer(q, ready):
    for i in range(items):
        q.put(i)
    ready.set()


if __name__ == '__main__':
    q = multiprocessing.Queue()
    if hasattr(q, '_set_feeder_delay'):  # mpstage's slow motion, before the fork: the producer's feeder has it
        q._set_feeder_delay(feeder_delay)
    ready = multiprocessing.Event()
    p = multiprocessing.Process(target=producer, args=(q, ready))
    p.start()
    ready.wait()  # the producer has put every item
    print('qsize():', q.qsize(), 'empty():', q.empty())
    time.sleep(wait)
    print('qsize():', q.qsize(), 'empty():', q.empty())
    print('got', [q.get() for _ in range(items)])
    print('qsize():', q.qsize(), 'empty():', q.empty())
    p.join()
