"""mpstage scene
title: Everyone waits for everyone: a Barrier (and a broken one)
summary: Barrier(n).wait() returns once n processes have arrived; with a timeout, or one party short, it breaks and every waiter gets BrokenBarrierError.
tags: locks
difficulty: 2
hang-after: 2
look: The processes arriving at the barrier and leaving together.
predict: What happens if only 2 of the 3 parties ever arrive?
why: The barrier counts arrivals in shared memory; the last arrival releases everyone. A wait that times out breaks the barrier for all: the others waiting are woken with BrokenBarrierError too.
param parties: int 2..4 = 3 -- how many must arrive
param arriving: int 1..4 = 3 -- how many processes arrive
variant: One party short | arriving=2
expect: completes -- everyone passes once the last one arrives (or all get BrokenBarrierError when one is short)
"""
import multiprocessing as mp
import threading


def arrive(barrier, out):
    try:
        out.put(('passed', barrier.wait()))
    except threading.BrokenBarrierError:
        out.put(('broken', None))


if __name__ == '__main__':
    barrier = mp.Barrier(parties, timeout=0.5)
    out = mp.Queue()
    ps = [mp.Process(target=arrive, args=(barrier, out)) for _ in range(arriving)]
    for p in ps:
        p.start()
    results = sorted(out.get()[0] for _ in ps)
    for p in ps:
        p.join()
    print('arrived:', arriving, 'of', parties, '->', results)
