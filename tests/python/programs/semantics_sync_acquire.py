# acquire(block, timeout) and release() of Lock, RLock, Semaphore, BoundedSemaphore: results, ignored and
# negative timeouts, argument errors, release by another thread or process, too many releases, values,
# cross-process wakeups and pickling outside process start (items 61-63, 68-70)
import multiprocessing as mp
import pickle
import threading
import time


def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))


def timed(f):
    start = time.monotonic()
    result = f()
    return result, time.monotonic() - start


class HeldElsewhere:
    """Holds the lock on another thread for the duration of the with statement."""

    def __init__(self, lock):
        self.lock, self.held, self.done = lock, threading.Event(), threading.Event()

    def run(self):
        self.lock.acquire()
        self.held.set()
        self.done.wait()
        self.lock.release()

    def __enter__(self):
        self.thread = threading.Thread(target=self.run)
        self.thread.start()
        self.held.wait()

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()


def contended(name, lock):
    with HeldElsewhere(lock):
        print(name, 'acquire(False)', lock.acquire(False))
        print(name, 'acquire(block=False)', lock.acquire(block=False))
        r, t = timed(lambda: lock.acquire(False, 5))
        print(name, 'acquire(False, 5)', r, 'timeout ignored:', t < 1)
        r, t = timed(lambda: lock.acquire(True, -1))
        print(name, 'acquire(True, -1)', r, 'at once:', t < 1)
        r, t = timed(lambda: lock.acquire(timeout=-10))
        print(name, 'acquire(timeout=-10)', r, 'at once:', t < 1)
        print(name, 'acquire(timeout=0)', lock.acquire(timeout=0))
        r, t = timed(lambda: lock.acquire(timeout=0.2))
        print(name, 'acquire(timeout=0.2)', r, 'waited:', t >= 0.15)
        r, t = timed(lambda: lock.acquire(1, 0.1))
        print(name, 'acquire(1, 0.1)', r, 'waited:', t >= 0.05)
    print(name, 'free again: acquire(0)', lock.acquire(0))
    lock.release()


def release_in_child(lock, out):
    try:
        lock.release()
        out.put('child released it')
    except Exception as e:
        out.put('child: %s %r' % (type(e).__name__, str(e)))


def release_then_report(lock, out):
    lock.release()
    out.put(lock.acquire(False))


def take_and_report(sem, out, timeout):
    out.put(sem.acquire(timeout=timeout))


def wait_then_release(lock, started, out):
    started.set()
    got = lock.acquire(timeout=10)
    out.put('child acquired after the parent released: %s' % got)
    lock.release()


def hold_then_release(lock, started, secs):
    lock.acquire()
    started.set()
    time.sleep(secs)
    lock.release()


def add_one(sem):
    sem.release()


def crowd(sem, guard, inside, peak):
    with sem:
        with guard:
            inside.value += 1
            peak.value = max(peak.value, inside.value)
        time.sleep(0.05)
        with guard:
            inside.value -= 1


if __name__ == '__main__':
    kinds = [('Lock', mp.Lock), ('RLock', mp.RLock), ('Semaphore(1)', lambda: mp.Semaphore(1)),
             ('BoundedSemaphore(1)', lambda: mp.BoundedSemaphore(1))]
    for name, make in kinds:
        lock = make()
        print(name, type(lock).__name__, 'acquire()', lock.acquire(), 'release()', lock.release())
        print(name, 'acquire(True, None)', lock.acquire(True, None), lock.release())
        print(name, 'acquire(timeout=None)', lock.acquire(timeout=None), lock.release())
        print(name, 'acquire(True, 0.5) on a free lock', lock.acquire(True, 0.5), lock.release())
        with lock as entered:
            print(name, 'with ... as', entered)
        print(name, '__enter__', lock.__enter__(), '__exit__', lock.__exit__(None, None, None))
        contended(name, lock)
        show(name + ' acquire(None)', lambda: lock.acquire(None))
        show(name + " acquire('x')", lambda: lock.acquire('x'))
        show(name + ' acquire(1.5)', lambda: lock.acquire(1.5))
        show(name + " acquire(True, 'x')", lambda: lock.acquire(True, 'x'))
        show(name + ' acquire(1, 2, 3)', lambda: lock.acquire(1, 2, 3))
        show(name + ' acquire(blocking=True)', lambda: lock.acquire(blocking=True))
        show(name + ' acquire(True, block=True)', lambda: lock.acquire(True, block=True))
        show(name + ' acquire(timeout=1, block=1, x=1)', lambda: lock.acquire(timeout=1, block=1, x=1))
        show(name + ' acquire(True, 1, timeout=1)', lambda: lock.acquire(True, 1, timeout=1))
        show(name + ' acquire(x=1)', lambda: lock.acquire(x=1))
        show(name + ' acquire(2 ** 40)', lambda: lock.acquire(2 ** 40))
        show(name + ' acquire(True, 2 ** 2000)', lambda: lock.acquire(True, 2 ** 2000))
        show(name + ' acquire(True, 1e10) when free', lambda: (lock.acquire(True, 1e10), lock.release())[0])
        show(name + ' __exit__ with 4 arguments', lambda: lock.__exit__(1, 2, 3, 4))
        show(name + ' __exit__(x=1)', lambda: lock.__exit__(x=1))
        show(name + ' __enter__(1)', lambda: lock.__enter__(1))
        show(name + ' __enter__(x=1)', lambda: lock.__enter__(x=1))
        show(name + ' release(1)', lambda: lock.release(1))
        show(name + ' release(x=1)', lambda: lock.release(x=1))
        with lock:
            got = None
            try:
                got = lock.acquire(True, 'x')
                print(name, "acquire(True, 'x') while held here ->", got)
            except TypeError as e:
                print(name, "acquire(True, 'x') while held here raises", repr(str(e)))
            if got:
                lock.release()
        show(name + ' pickle.dumps', lambda: pickle.dumps(lock))

    # Lock: no owner check (item 63)
    lock = mp.Lock()
    lock.acquire()
    t = threading.Thread(target=lock.release)
    t.start(); t.join()
    print('Lock released by another thread; acquire(False)', lock.acquire(False))
    out = mp.Queue()
    p = mp.Process(target=release_in_child, args=(lock, out))
    p.start(); p.join()
    print(out.get(), '; parent acquire(False)', lock.acquire(False))
    lock.release()
    show('Lock release when unlocked', lock.release)
    p = mp.Process(target=release_in_child, args=(lock, out))
    p.start(); p.join()
    print(out.get())
    lock.acquire()
    p = mp.Process(target=release_then_report, args=(lock, out))
    p.start(); p.join()
    print('child released then re-acquired:', out.get(), '; it exited holding it: parent acquire(False)',
          lock.acquire(False))
    lock.release()
    print('parent released what the dead child held; acquire(False)', lock.acquire(False))
    p = mp.Process(target=release_in_child, args=(lock, out))
    p.start(); p.join()
    print(out.get(), '; parent acquire(False)', lock.acquire(False))
    lock.release()

    # RLock: owner only (item 65)
    r = mp.RLock()
    show('RLock release when unlocked', r.release)
    print('RLock acquire x3', r.acquire(), r.acquire(), r.acquire())
    t = threading.Thread(target=lambda: show('RLock release by another thread', r.release))
    t.start(); t.join()
    p = mp.Process(target=release_in_child, args=(r, out))
    p.start(); p.join()
    print(out.get())
    r.release(); r.release()
    p = mp.Process(target=lambda: out.put(r.acquire(False)))
    p.start(); p.join()
    print('RLock held once more: child acquire(False)', out.get())
    r.release()
    show('RLock 4th release', r.release)
    p = mp.Process(target=lambda: out.put(r.acquire(False)))
    p.start(); p.join()
    print('RLock free: child acquire(False)', out.get())

    # Semaphore (item 68)
    s = mp.Semaphore()
    print('Semaphore() value', s.get_value())
    s2 = mp.Semaphore(0)
    print('Semaphore(0) value', s2.get_value(), 'acquire(False)', s2.acquire(False))
    for _ in range(3):
        s2.release()
    print('after 3 releases', s2.get_value())
    t = threading.Thread(target=s2.release)
    t.start(); t.join()
    print('released by a thread', s2.get_value())
    p = mp.Process(target=add_one, args=(s2,))
    p.start(); p.join()
    print('released by a child', s2.get_value())
    print('acquire x6', [s2.acquire(False) for _ in range(6)], s2.get_value())
    show('Semaphore(-1)', lambda: mp.Semaphore(-1))
    show('BoundedSemaphore(-1)', lambda: mp.BoundedSemaphore(-1))
    print('Semaphore(value=3)', mp.Semaphore(value=3).get_value())
    for v in ("'x'", '1.5', 'None', 'True', '2 ** 31 - 1', '2 ** 31', '-2 ** 31 - 1'):
        show('Semaphore(%s)' % v, lambda: mp.Semaphore(eval(v)).get_value())
        show('BoundedSemaphore(%s)' % v, lambda: repr(mp.BoundedSemaphore(eval(v))))
    show('Lock(1)', lambda: mp.Lock(1))
    show('RLock(x=1)', lambda: mp.RLock(x=1))
    show('Semaphore(1, 2)', lambda: mp.Semaphore(1, 2))
    show('Semaphore(1, value=2)', lambda: mp.Semaphore(1, value=2))
    show('BoundedSemaphore(x=1)', lambda: mp.BoundedSemaphore(x=1))
    top = mp.Semaphore(2 ** 31 - 1)
    show('Semaphore released at SEM_VALUE_MAX', top.release)
    print('still', top.get_value(), 'acquire', top.acquire(False), top.get_value(), 'release', top.release(),
          top.get_value())

    # BoundedSemaphore (item 69)
    b = mp.BoundedSemaphore(2)
    print('BoundedSemaphore(2) value', b.get_value())
    show('release at max', b.release)
    print('acquire', b.acquire(), b.acquire(), b.acquire(False), b.get_value())
    b.release()
    p = mp.Process(target=add_one, args=(b,))
    p.start(); p.join()
    print('released by parent and child', b.get_value())
    p = mp.Process(target=release_in_child, args=(b, out))
    p.start(); p.join()
    print('child release at max:', out.get())
    b0 = mp.BoundedSemaphore(0)
    print('BoundedSemaphore(0)', b0.get_value(), b0.acquire(False))
    show('BoundedSemaphore(0) release', b0.release)
    print('BoundedSemaphore() value', mp.BoundedSemaphore().get_value())

    # Cross-process wakeups (item 70)
    lock = mp.Lock()
    lock.acquire()
    started = mp.Event()
    p = mp.Process(target=wait_then_release, args=(lock, started, out))
    p.start()
    started.wait()
    time.sleep(0.1)
    lock.release()
    print(out.get())
    p.join()
    print('parent acquire(False) after the child released', lock.acquire(False))
    for name, make in [('Lock', mp.Lock), ('RLock', mp.RLock)]:
        lk = make()
        lk.acquire()
        p = mp.Process(target=take_and_report, args=(lk, out, 0.2))
        p.start(); p.join()
        print(name, 'held by the parent: child acquire(timeout=0.2)', out.get())
        p = mp.Process(target=take_and_report, args=(lk, out, 10))
        p.start()
        time.sleep(0.1)
        lk.release()
        p.join()
        print(name, 'child wakes when the parent releases', out.get(), '; parent acquire(False)', lk.acquire(False))
    for name, make in kinds:
        lk = make()
        started = mp.Event()
        p = mp.Process(target=hold_then_release, args=(lk, started, 0.2))
        p.start()
        started.wait()
        r, t = timed(lk.acquire)
        print(name, 'acquire() waits for the release in another process', r, 'waited:', t >= 0.1)
        lk.release()
        p.join()
        r, t = timed(lambda: lk.acquire(True, None))
        print(name, 'then acquire(True, None)', r, 'at once:', t < 1)
        lk.release()
        try:
            with lk:
                raise KeyError('inside')
        except KeyError as e:
            print(name, 'an exception leaves the with statement:', repr(e), 'and releases it:', lk.acquire(False))
            lk.release()
    r = mp.RLock()
    with r:
        with r as again:
            print('nested with on an RLock', again, r.acquire(False))
            r.release()
    print('left both', r.acquire(False))
    r.release()
    s0 = mp.Semaphore(0)
    ps = [mp.Process(target=take_and_report, args=(s0, out, 10)) for _ in range(3)]
    for q in ps: q.start()
    time.sleep(0.1)
    for q in ps:
        s0.release()
    for q in ps: q.join()
    print('three waiters woken by three releases', sorted(out.get() for _ in ps), s0.get_value())
    sem = mp.Semaphore(3)
    inside, peak, guard = mp.RawValue('i', 0), mp.RawValue('i', 0), mp.Lock()
    ps = [mp.Process(target=crowd, args=(sem, guard, inside, peak)) for _ in range(8)]
    for q in ps: q.start()
    for q in ps: q.join()
    print('Semaphore(3): at most 3 inside', peak.value <= 3, 'value back to', sem.get_value())
