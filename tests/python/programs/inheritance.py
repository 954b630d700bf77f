# What crosses a fork and what does not: queues and locks by inheritance only (items 23, 24, 49, 60, 77), lock
# reprs and owners (64, 65), ownership after fork (66), releasing another's Lock (63), SharedMemory through a
# Queue (88), a process killed while holding a lock (67).
import multiprocessing as mp
import os
import pickle
import time
from multiprocessing import shared_memory

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

def child_view(q, lock, rlock):
    q.put(('child sees Lock', repr(lock)))
    q.put(('child owns RLock?', repr(rlock)))
    q.put(('child release of RLock', _try(rlock.release)))
    q.put(('child releases the Lock it did not take', _try(lock.release)))

def _try(f):
    try:
        f()
        return 'ok'
    except Exception as e:
        return type(e).__name__ + ': ' + str(e)

def attach(q):
    shm = q.get()
    print('child attached', bytes(shm.buf[:3]), flush=True)
    shm.close()

def die_holding(lock):
    lock.acquire()
    os._exit(0)

if __name__ == '__main__':
    q = mp.Queue()
    for name, obj in [('Queue', q), ('Lock', mp.Lock()), ('RLock', mp.RLock()), ('Semaphore', mp.Semaphore()),
                      ('Event', mp.Event()), ('Condition', mp.Condition()), ('Value', mp.Value('i')),
                      ('SimpleQueue', mp.SimpleQueue())]:
        show('pickle ' + name, lambda: pickle.dumps(obj))
    lock, rlock = mp.Lock(), mp.RLock()
    print(repr(lock), repr(rlock))
    lock.acquire(); rlock.acquire()
    print(repr(lock), repr(rlock))
    p = mp.Process(target=child_view, args=(q, lock, rlock))
    p.start()
    for _ in range(4):
        print(*q.get())
    p.join()
    print('after the child released it:', lock.acquire(False))
    rlock.release()
    shm = shared_memory.SharedMemory(create=True, size=8)
    shm.buf[:3] = b'abc'
    sq = mp.Queue()
    c = mp.Process(target=attach, args=(sq,))
    c.start()
    sq.put(shm)
    c.join()
    shm.close(); shm.unlink()
    held = mp.Lock()
    d = mp.Process(target=die_holding, args=(held,))
    d.start(); d.join()
    print('a lock whose holder died stays held:', held.acquire(timeout=0.2))
