# Reprs of Lock, RLock, Semaphore, BoundedSemaphore in every state (held here, by another thread, by another
# process, stale after a release elsewhere), ownership that a fork does not pass on, and locks that stay held
# after their holder died (items 64-69)
import multiprocessing as mp
import threading
import time


def show(what, f):
    try:
        print(what, '->', f())
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))


def in_thread(f, name=None):
    box = []
    t = threading.Thread(target=lambda: box.append(f()), name=name)
    t.start()
    t.join()
    return box[0]


def in_child(f, name=None):
    out = mp.SimpleQueue()

    def run():
        try:
            out.put(f())
        except Exception as e:
            out.put('raises %s %r' % (type(e).__name__, str(e)))

    p = mp.Process(target=run, name=name)
    p.start()
    result = out.get()
    p.join()
    return result


class Holder:
    """Another thread that acquires the lock (times times) and holds it until stop()."""

    def __init__(self, lock, times=1, name='holder'):
        self.lock, self.times, self.held, self.done = lock, times, threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self.run, name=name)
        self.thread.start()
        self.held.wait()

    def run(self):
        for _ in range(self.times):
            self.lock.acquire()
        self.seen = repr(self.lock)
        self.held.set()
        self.done.wait()
        for _ in range(self.times):
            self.lock.release()

    def stop(self):
        self.done.set()
        self.thread.join()


def hold_in_child(lock, held, done, times=1):
    for _ in range(times):
        lock.acquire()
    held.set()
    done.wait()
    for _ in range(times):
        lock.release()


def acquire_and_exit(lock, held, times=1):
    for _ in range(times):
        lock.acquire()
    held.set()


def acquire_and_hang(lock, held):
    lock.acquire()
    held.set()
    time.sleep(60)


if __name__ == '__main__':
    # Lock (item 64)
    l = mp.Lock()
    print('fresh', repr(l), str(l))
    print('thread with a default name', in_thread(lambda: (l.acquire(), repr(l), l.release())[1]))
    l.acquire()
    print('held here', repr(l))
    print('seen from another thread', in_thread(lambda: repr(l), 'peeker'))
    print('seen from a child', in_child(lambda: repr(l)))
    print('child acquire(False)', in_child(lambda: l.acquire(False)))
    print('child releases it, then its repr', in_child(lambda: (l.release(), repr(l))[1]))
    print('stale here after the child released it', repr(l), '; acquire(False)', l.acquire(False))
    print('held twice here', repr(l))
    l.release()
    print('released once: free, but counted as acquired here once more', repr(l))
    l.acquire()
    print('child releases then acquires', in_child(lambda: (l.release(), l.acquire(False), repr(l))[1:]))
    print('after that child exited holding it', repr(l), l.acquire(False))
    l.release()
    l = mp.Lock()
    h = Holder(l, name='worker')
    print('seen by the holding thread', h.seen)
    print('held by another thread', repr(l))
    print('that thread held it at fork: child sees', in_child(lambda: repr(l)))
    h.stop()
    print('after that thread released it', repr(l))
    h = Holder(l)
    l.release()
    print('held by a thread, released here', repr(l), h.seen)
    l.acquire()
    print('then acquired here', repr(l))
    h.stop()
    print('then released by that thread', repr(l))
    held, done = mp.Event(), mp.Event()
    p = mp.Process(target=hold_in_child, args=(l, held, done))
    p.start()
    held.wait()
    print('held by another process', repr(l))
    print('seen from a thread here', in_thread(lambda: repr(l)))
    done.set()
    p.join()
    print('after the child released it', repr(l))
    print('in a named child', in_child(lambda: (l.acquire(), repr(l), l.release())[1], name='Kid'))
    print('in a thread of a named child',
          in_child(lambda: in_thread(lambda: (l.acquire(), repr(l), l.release())[1], 'helper'), name='Kid'))
    print('in a thread with a default name in a child',
          in_child(lambda: in_thread(lambda: (l.acquire(), repr(l), l.release())[1])))
    mp.current_process().name = 'Boss'
    l.acquire()
    print('process renamed', repr(l))
    threading.current_thread().name = 'Chief'
    print('main thread renamed', repr(l))
    threading.current_thread().name = 'MainThread'
    mp.current_process().name = 'MainProcess'
    print('names restored', repr(l))
    print('thread named MainThread', in_thread(lambda: (l.release(), l.acquire(), repr(l))[2], 'MainThread'))
    print('after that thread', repr(l))
    l.release()

    # RLock (item 65)
    r = mp.RLock()
    print('fresh', repr(r), str(r))
    for n in (1, 2, 3):
        r.acquire()
        print('held here', n, repr(r))
    print('seen from another thread', in_thread(lambda: repr(r)))
    print('seen from a child', in_child(lambda: repr(r)))
    print('child acquire(False)', in_child(lambda: (r.acquire(False), repr(r))))
    show('child release', lambda: in_child(lambda: r.release()))
    for n in (2, 1, 0):
        r.release()
        print('released to', n, repr(r))
    h = Holder(r, 2, name='owner')
    print('seen by the holding thread', h.seen)
    print('held by another thread', repr(r))
    show('release here', r.release)
    print('that thread held it at fork: child sees', in_child(lambda: repr(r)))
    h.stop()
    print('after that thread released it', repr(r))
    held, done = mp.Event(), mp.Event()
    p = mp.Process(target=hold_in_child, args=(r, held, done, 4))
    p.start()
    held.wait()
    print('held by another process', repr(r))
    done.set()
    p.join()
    print('after the child released it', repr(r))
    print('in a named child', in_child(lambda: (r.acquire(), r.acquire(), repr(r), r.release(), r.release())[2],
                                        name='Kid'))

    # Semaphore, BoundedSemaphore (items 68, 69)
    s = mp.Semaphore(2)
    print(repr(s), str(s))
    s.acquire()
    print('acquired', repr(s))
    s.release(); s.release()
    print('released past the initial value', repr(s))
    print('child sees', in_child(lambda: repr(s)))
    print(repr(mp.Semaphore(0)), repr(mp.Semaphore()))
    b = mp.BoundedSemaphore(2)
    print(repr(b), str(b))
    b.acquire(); b.acquire()
    print('acquired twice', repr(b))
    b.release()
    print('released once', repr(b), '; child sees', in_child(lambda: repr(b)))
    print(repr(mp.BoundedSemaphore(0)), repr(mp.BoundedSemaphore()))

    # A holder that dies keeps the lock (item 67)
    for name, make in [('Lock', mp.Lock), ('RLock', mp.RLock)]:
        lk = make()
        held = mp.Event()
        p = mp.Process(target=acquire_and_exit, args=(lk, held, 2 if name == 'RLock' else 1))
        p.start()
        p.join()
        print(name, 'holder exited', p.exitcode, repr(lk), 'acquire(timeout=0.2)', lk.acquire(timeout=0.2))
        lk2 = make()
        held = mp.Event()
        p = mp.Process(target=acquire_and_hang, args=(lk2, held))
        p.start()
        held.wait()
        p.terminate()
        p.join()
        print(name, 'holder killed', p.exitcode, repr(lk2), 'acquire(timeout=0.2)', lk2.acquire(timeout=0.2))
        print(name, 'a child still cannot take it', in_child(lambda: lk2.acquire(timeout=0.1)))
    lk = mp.Lock()
    held = mp.Event()
    p = mp.Process(target=acquire_and_exit, args=(lk, held))
    p.start()
    p.join()
    lk.release()
    print('Lock of a dead holder released here (no owner check)', repr(lk), lk.acquire(False), repr(lk))
