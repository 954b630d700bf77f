"""mpstage scene
title: Killed while holding a lock
summary: A process takes a Value's lock and is killed (SIGKILL) before it releases it. A killed process runs no cleanup, and a multiprocessing lock does not know who holds it, so it stays taken for good: every process that later wants the lock waits for ever. Killed after releasing, it harms nobody.
tags: locks, shared memory, pitfall
difficulty: 3
look: Watch the padlock on counter: the holder takes it, then disappears, and the padlock stays shut.
predict: The holder is dead and the parent has joined it. When the adders start, can any of them take the lock?
why: A multiprocessing Lock or RLock is a semaphore in shared memory: taking it lowers a count, releasing it raises it again. SIGKILL gives the holder no chance to release, and nothing else ever will, so the count stays at zero. Operating systems offer a remedy, the robust mutex: when its owner dies, the next process to lock it is told so (EOWNERDEAD), takes it over and must repair whatever the dead owner left half-written. Python's multiprocessing does not use them. The C++ engine behind this stage can (mp::Lock(mp::DeadHolder::Recover)), but this scene keeps to what Python does.
param adders (Adders): int 1..8 = 3 -- how many processes want the lock after the holder has died
param die_holding (Die holding the lock): bool = true -- the holder is killed before it releases the lock (or just after)
variant: killed after releasing the lock | die_holding=false
expect when die_holding=false: completes -- the holder released the lock before it was killed, and every adder adds 1
expect: hangs -- the holder was killed holding counter's lock, and the adders wait for it for ever
hang says: "acquire()", "killed", "whose holder died"
prints when die_holding=false:
    holder exit code: -9
    counter: 4
"""
import multiprocessing
import os
import signal


def holder(counter):
    if die_holding:
        counter.get_lock().acquire()
        counter.value += 1
        os.kill(os.getpid(), signal.SIGKILL)  # dies holding the lock
    else:
        with counter.get_lock():
            counter.value += 1
        os.kill(os.getpid(), signal.SIGKILL)  # dies after releasing it


def adder(counter):
    with counter.get_lock():
        counter.value += 1


if __name__ == '__main__':
    counter = multiprocessing.Value('i', 0)
    h = multiprocessing.Process(target=holder, args=(counter,))
    h.start()
    h.join()
    print('holder exit code:', h.exitcode)
    procs = [multiprocessing.Process(target=adder, args=(counter,)) for _ in range(adders)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print('counter:', counter.value)
