"""mpstage scene
title: Lock contention: workers queue for one Value
summary: Several workers add 1 to one shared Value, each time holding the Value's lock across the read, a short critical section and the write, then working without the lock for a while. The total is always exact. How long the workers wait for the lock depends on the ratio of the two times: when the critical section is long and the think time short, the lock is the bottleneck and the workers take turns instead of running side by side.
tags: locks, shared memory
difficulty: 2
look: Watch the queue of workers in front of counter's lock, and how long each one waits before it gets in.
predict: Four workers hold the lock for 2 ms and then think for 2 ms. How many are waiting for the lock at any moment? What if the think time were zero?
why: While one worker holds the lock, the others that want it wait. With 2 ms inside and 2 ms outside, a worker spends half its round needing the lock, so four of them need it twice over and there is usually a queue. With no think time, everyone wants the lock all the time and the run becomes strictly one at a time: adding workers adds waiting, not speed. Shorter critical sections are the cure, and the total is right either way, because the lock is held across the whole update.
param workers (Workers): int 1..8 = 4 -- how many processes update the counter
param rounds (Rounds): int 1..1000 = 50 -- how many times each worker adds 1
param hold (Critical section (s)): float 0..0.1 = 0.002 -- how long a worker holds the lock each round
param think (Think time (s)): float 0..0.5 = 0.002 -- how long a worker works without the lock between rounds
variant: no think time: every worker wants the lock all the time | think=0
variant: a short critical section | hold=0.0002
expect: completes -- the counter is exactly workers * rounds
prints: counter: 200
prints when think=0: counter: 200
prints when hold=0.0002: counter: 200
"""
import multiprocessing
import time


def worker(counter, rounds, hold, think):
    for _ in range(rounds):
        with counter.get_lock():
            v = counter.value
            time.sleep(hold)  # the critical section
            counter.value = v + 1
        time.sleep(think)  # work that needs no lock


if __name__ == '__main__':
    counter = multiprocessing.Value('i', 0)
    procs = [multiprocessing.Process(target=worker, args=(counter, rounds, hold, think))
             for _ in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print('counter:', counter.value)
