# The lock argument, the Synchronized wrappers, pickling, and sharing with child processes (items 53-56, 59, 60)
import copy
import pickle
import threading
import time
import multiprocessing as mp
from multiprocessing import sharedctypes

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

class DuckLock:
    """Anything with acquire() will do (item 53)."""
    def __init__(self):
        self.calls = []
    def acquire(self, *args):
        self.calls.append('acquire')
        return True
    def release(self):
        self.calls.append('release')
    def __enter__(self):
        self.calls.append('enter')
        return self
    def __exit__(self, *args):
        self.calls.append('exit')
    def __repr__(self):
        return 'DuckLock()'

def count(v, a, n):
    for _ in range(n):
        with v.get_lock():
            v.value += 1
        with a.get_lock():
            a[0] += 1
            a[1] -= 1

def count_raw(rv, lock, n):
    for _ in range(n):
        with lock:
            rv.value += 1

def child_writes(v, a, s, rv, ra):
    v.value = 123
    a[:] = [7, 8, 9]
    s.value = b'child'
    rv.value = 2.5
    ra[0] = 'z'

def deadlock(v):
    with v.get_lock():
        v.value += 1  # the wrapper takes the non-recursive lock again (item 56)

def show_lock_in_child(v):
    print('child sees', repr(v.get_lock()), v.get_lock() is v.get_lock(), repr(v), flush=True)
    with v.get_lock():
        print('child holds', repr(v.get_lock()), flush=True)

def try_lock_in_child(v):
    print('child acquire while the parent holds it', v.acquire(timeout=0.1), flush=True)

if __name__ == '__main__':
    v = mp.Value('i', 5)
    print(repr(v), str(v), type(v).__name__, type(v).__module__, type(v).__qualname__)
    print(isinstance(v, sharedctypes.Synchronized), isinstance(v, sharedctypes.SynchronizedBase))
    lock = v.get_lock()
    print(repr(lock), type(lock).__name__, lock is v.get_lock(), isinstance(lock, type(mp.RLock())))
    print(repr(v.get_obj()), type(v.get_obj()).__name__, v.get_obj().value, v.get_obj() is v.get_obj())
    v.get_obj().value = 6
    print('through get_obj', v.value, repr(v))
    # acquire()/release() and the context manager are the lock's
    print(v.acquire(), repr(v.get_lock()))
    print(v.acquire(False), repr(v.get_lock()))
    v.release(); v.release()
    with v as entered:
        print('with', entered, repr(v.get_lock()), v.value)
    print('after with', repr(v.get_lock()))
    with v.get_lock():
        v.value += 1
        print('read under the RLock', v.value)
    show('release unowned', v.release)
    print(v.acquire(block=False), v.acquire(timeout=0.05), v.acquire(True, 0.05))
    for _ in range(3):
        v.release()
    # lock=True / None give a new RLock each; False gives the bare object
    for arg in [True, None, 1, 1.0]:
        w = mp.Value('i', 7, lock=arg)
        print('lock=%r' % (arg,), repr(w), repr(w.get_lock()), w.get_lock() is not v.get_lock())
    print('lock=False', repr(mp.Value('i', 7, lock=False)), type(mp.Value('i', 7, lock=False)).__name__)
    for bad in [0, 'yes', object, [], 2.5, 'lock', (), b'']:
        show('Value lock=%r' % (bad,), lambda: mp.Value('i', 0, lock=bad))
        show('Array lock=%r' % (bad,), lambda: mp.Array('i', 2, lock=bad))
    show('bad value and bad lock', lambda: mp.Value('i', 'x', lock=0))
    # a lock of one's own: get_lock() gives it back, and the wrapper takes it
    for make in [mp.Lock, mp.RLock, lambda: mp.Semaphore(2), lambda: mp.BoundedSemaphore(1)]:
        lk = make()
        w = mp.Value('d', 1.5, lock=lk)
        print('custom', type(lk).__name__, w.get_lock() is lk, repr(w), repr(w.get_lock()))
        print(' acquire', w.acquire(False), repr(lk))
        w.release()
        arr = mp.Array('i', 3, lock=lk)
        print(' array', arr.get_lock() is lk, repr(arr.get_lock()))
    lk = mp.Lock()
    w = mp.Value('i', 1, lock=lk)
    lk.acquire()
    got = []
    t = threading.Thread(target=lambda: got.append(w.acquire(timeout=0.1)))
    t.start(); t.join()
    lk.release()
    print('the wrapper waits for its lock', got)
    shared = mp.Lock()
    x, y = mp.Value('i', 0, lock=shared), mp.Array('i', 2, lock=shared)
    with x:
        print('one lock for two', y.acquire(False), repr(shared))
    # locks that are not multiprocessing's
    tl = threading.Lock()
    tv = mp.Value('i', 3, lock=tl)
    print('threading.Lock', tv.get_lock() is tl, tv.value, repr(tv), type(tv).__name__)
    tv.value = 4
    with tv:
        print(' held', tl.locked())
    print(' after', tl.locked(), tv.value, repr(tv.get_obj()))
    duck = DuckLock()
    dv = mp.Value('i', 3, lock=duck)
    print('duck', repr(dv.get_lock()), dv.value)
    dv.value = 9
    with dv:
        pass
    print(' calls', duck.calls, dv.value)
    da = mp.Array('c', b'ab', lock=DuckLock())
    print('duck array', type(da).__name__, da.value, da[:], len(da), repr(da))
    cond = mp.Condition()
    cv = mp.Value('i', 1, lock=cond)
    print('Condition as lock', cv.get_lock() is cond, cv.value)
    sv = sharedctypes.synchronized(mp.RawValue('i', 4))
    print('synchronized()', repr(sv), repr(sv.get_lock()), type(sv).__name__, sv.value)
    sa = sharedctypes.synchronized(mp.RawArray('c', b'xy'), mp.Lock())
    print(' string', type(sa).__name__, sa.value, sa.raw, repr(sa.get_lock()))
    show(' twice', lambda: sharedctypes.synchronized(sv))
    # item 60: by inheritance only
    for what, obj in [('Value', mp.Value('i')), ('Array', mp.Array('i', 2)), ('c Array', mp.Array('c', 2)),
                      ('threading-locked Value', tv), ('synchronized()', sv)]:
        show('pickle %s' % what, lambda: pickle.dumps(obj))
        show('copy %s' % what, lambda: copy.copy(obj))
    r, wr = mp.Pipe()
    for what, obj in [('Value', mp.Value('i')), ('Array', mp.Array('d', 1)), ('RawValue', mp.RawValue('i')),
                      ('RawArray', mp.RawArray('d', 2)), ('c RawArray', mp.RawArray('c', 3)),
                      ('Value lock=False', mp.Value('h', lock=False))]:
        show('send %s' % what, lambda: wr.send(obj))
    print('nothing was sent', r.poll())
    q = mp.SimpleQueue()
    show('SimpleQueue.put Value', lambda: q.put(mp.Value('i')))
    print('copy of a bare object', repr(copy.copy(mp.RawValue('i', 2))), copy.copy(mp.RawArray('i', [1, 2]))[:])
    # shared with children through inheritance: they change what the parent sees
    v = mp.Value('i', 0)
    a = mp.Array('i', [0, 0, 0])
    s = mp.Array('c', 8)
    rv = mp.RawValue('d', 0.0)
    ra = mp.RawArray('u', 2)
    p = mp.Process(target=child_writes, args=(v, a, s, rv, ra))
    p.start(); p.join()
    print('after the child', v.value, a[:], s.value, s.raw, rv.value, ra[:], p.exitcode)
    # item 55: v.value += 1 under get_lock() in several processes gives the exact total
    v = mp.Value('i', 0)
    a = mp.Array('l', [0, 0])
    procs = [mp.Process(target=count, args=(v, a, 300)) for _ in range(4)]
    for p in procs: p.start()
    for p in procs: p.join()
    print('locked total', v.value, a[:], [p.exitcode for p in procs])
    rv = mp.RawValue('i', 0)
    lk = mp.Lock()
    procs = [mp.Process(target=count_raw, args=(rv, lk, 300)) for _ in range(3)]
    for p in procs: p.start()
    for p in procs: p.join()
    print('RawValue under a Lock', rv.value)
    # item 56: with a non-recursive Lock, .value inside get_lock() deadlocks; the default RLock does not
    dv = mp.Value('i', 0, lock=mp.Lock())
    p = mp.Process(target=deadlock, args=(dv,))
    p.start()
    time.sleep(1.0)
    print('deadlocked', p.is_alive(), dv.get_obj().value, dv.get_lock().acquire(False))
    p.terminate(); p.join()
    print('terminated', p.exitcode)
    rv2 = mp.Value('i', 0)
    p = mp.Process(target=deadlock, args=(rv2,))
    p.start(); p.join(5)
    print('with the RLock', p.is_alive(), p.exitcode, rv2.value)
    # the wrapper's RLock seen from a thread and from a child
    v = mp.Value('i', 1)
    def in_thread():
        with v.get_lock():
            print('thread holds', repr(v.get_lock()))
    t = threading.Thread(target=in_thread, name='worker')
    t.start(); t.join()
    p = mp.Process(target=show_lock_in_child, args=(v,))
    p.start(); p.join()
    v.acquire()
    p = mp.Process(target=try_lock_in_child, args=(v,))
    p.start(); p.join()
    print('parent still holds', repr(v.get_lock()))
    v.release()
