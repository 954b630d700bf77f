"""mpstage scene
title: Shared values: typecodes, lock=False and a shared lock
summary: Value('i'), Value('d'), Value('c') store C types with C's rules; lock=False gives a bare value, and two Values can share one lock (an RLock, or holding it deadlocks).
tags: shared memory, locks
difficulty: 2
look: The two Values and the one lock they share; each child's writes.
predict: What does Value('b', 200) hold? And can two processes update two Values that share one lock at once?
why: A Value is a C variable in shared memory: a 'b' (signed char) wraps 200 to -56. With lock=False there is no lock at all; with lock=some_lock, every access to either Value takes that one lock, so holding it around an update needs an RLock: with a plain Lock the process would wait for itself.
param workers: int 1..4 = 2 -- processes updating both values
param shared: choice RLock|Lock = RLock -- the kind of lock both Values share
variant: Share a plain Lock (and hold it) | shared=Lock
expect when shared=Lock: hangs -- each process waits for the lock it already holds
expect: completes -- each Value ends at workers x 100, under the one shared lock
"""
import multiprocessing as mp


def work(a, b, lock):
    for _ in range(100):
        with lock:
            a.value += 1
            b.value += 0.5


if __name__ == '__main__':
    print("Value('b', 200):", mp.Value('b', 200).value)
    print("Value('d', 1):", mp.Value('d', 1).value)
    print("Value('c', b'x'):", mp.Value('c', b'x').value)
    bare = mp.Value('i', 7, lock=False)
    print('lock=False:', bare, 'has get_lock:', hasattr(bare, 'get_lock'))
    lock = mp.RLock() if shared == 'RLock' else mp.Lock()
    a = mp.Value('i', 0, lock=lock)
    b = mp.Value('d', 0.0, lock=lock)
    ps = [mp.Process(target=work, args=(a, b, lock)) for _ in range(workers)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print('a =', a.value, 'b =', b.value)
