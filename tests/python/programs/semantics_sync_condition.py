# Condition and Event: reprs, calls without the lock, wait/wait_for results, every recursion level released
# while waiting, notify(n) and notify_all across processes, Event across processes, pickling outside
# process start (items 71-77)
import copy
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


def until(predicate, limit=10):
    end = time.monotonic() + limit
    while not predicate() and time.monotonic() < end:
        time.sleep(0.01)
    return predicate()


def sleeper(cond, out, timeout):
    with cond:
        out.put(('woke', cond.wait(timeout)))


def take_while_waiting(cond, out):
    out.put(('child took the lock while the parent waited', cond.acquire(timeout=10)))
    cond.notify()
    out.put(('child notified', True))
    cond.release()


def raise_value(cond, box, step):
    for _ in range(3):
        time.sleep(step)
        with cond:
            box.value += 1
            cond.notify_all()


def event_waiter(ev, out, timeout):
    out.put(ev.wait(timeout))


def event_setter(ev, delay):
    time.sleep(delay)
    ev.set()


if __name__ == '__main__':
    # repr, lock by default (item 71)
    c = mp.Condition()
    print(repr(c), str(c))
    with c as entered:
        print('with ... as', entered, repr(c))
        with c:
            print('re-entered', repr(c))
    print('after with', repr(c))
    for lock in (mp.Lock(), mp.RLock(), mp.Semaphore(2), mp.BoundedSemaphore(1)):
        cl = mp.Condition(lock)
        print('Condition(%s)' % type(lock).__name__, repr(cl))
        with cl:
            print('  held', repr(cl), 'wait(0)', cl.wait(0), repr(cl))
    print('Condition(lock=None)', repr(mp.Condition(lock=None)))
    show('Condition(None, None)', lambda: mp.Condition(None, None))
    show('Condition(lock=None, x=1)', lambda: mp.Condition(lock=None, x=1))
    show('Event(1)', lambda: mp.Event(1))
    show('Condition(5)', lambda: mp.Condition(5))
    show("Condition('')", lambda: repr(mp.Condition('')))
    shared = mp.RLock()
    cs = mp.Condition(shared)
    with shared:
        print('the lock it was given, held directly', repr(cs), 'wait(0)', cs.wait(0), repr(shared))
        cs.notify()
    with cs:
        print('held through the Condition', repr(shared))
    print('acquire/release', c.acquire(), c.acquire(False), repr(c), c.release(), c.release(), repr(c))
    print('acquire(timeout=0.1)', c.acquire(timeout=0.1), c.release())
    show('acquire(None)', lambda: c.acquire(None))
    show('__exit__ with 4 arguments', lambda: c.__exit__(1, 2, 3, 4))
    show('__enter__(1)', lambda: c.__enter__(1))
    show('release(1)', lambda: c.release(1))
    show('acquire(1, 2, 3)', lambda: c.acquire(1, 2, 3))
    for cond in (c, mp.Condition(mp.RLock()), mp.Condition(mp.Lock())):
        with cond:
            try:
                print(repr(cond), "acquire(True, 'x') while held ->", cond.acquire(True, 'x'))
                cond.release()
            except TypeError as e:
                print(repr(cond), "acquire(True, 'x') while held raises", repr(str(e)))

    # without the lock (item 72)
    show('wait without the lock', c.wait)
    show('wait(0) without the lock', lambda: c.wait(0))
    show('notify without the lock', c.notify)
    show('notify(2) without the lock', lambda: c.notify(2))
    show('notify_all without the lock', c.notify_all)
    show('wait_for truthy without the lock', lambda: c.wait_for(lambda: 'yes'))
    show('wait_for falsy without the lock', lambda: c.wait_for(lambda: 0, 0.01))
    held, done = threading.Event(), threading.Event()

    def hold():
        with c:
            held.set()
            done.wait()

    t = threading.Thread(target=hold)
    t.start()
    held.wait()
    show('wait while another thread holds it', lambda: c.wait(0))
    show('notify while another thread holds it', c.notify)
    print('held by another thread', repr(c))
    done.set()
    t.join()
    cl = mp.Condition(mp.Lock())
    show('Condition(Lock) wait without the lock', cl.wait)
    show('Condition(Lock) notify without the lock', cl.notify)

    # wait(timeout) (item 73)
    with c:
        r, t = timed(lambda: c.wait(0.2))
        print('wait(0.2)', r, 'waited:', t >= 0.15, repr(c))
        print('wait(0)', c.wait(0), 'wait(-1)', c.wait(-1), 'wait(timeout=0.01)', c.wait(timeout=0.01))
        c.notify()
        c.notify(5)
        c.notify_all()
        print('notify with no sleepers does nothing', repr(c))
    out = mp.Queue()
    for _ in range(3):
        c.acquire()
    p = mp.Process(target=take_while_waiting, args=(c, out))
    p.start()
    print('wait at recursion level 3', c.wait(10), repr(c))
    print(out.get(), out.get())
    p.join()
    for _ in range(3):
        c.release()
    print('released three times', repr(c))

    # notify(n), notify_all across processes (item 74)
    ps = [mp.Process(target=sleeper, args=(c, out, 30)) for _ in range(4)]
    for q in ps:
        q.start()
    print('4 sleepers', until(lambda: repr(c).endswith(', 4)>')), repr(c))
    with c:
        c.notify(2)
        print('after notify(2), still held', repr(c))
    print('two woke', sorted(out.get() for _ in range(2)))
    time.sleep(0.2)
    print('no more', out.empty(), repr(c))
    with c:
        c.notify(0)
        c.notify(-1)
    time.sleep(0.1)
    print('notify(0), notify(-1) wake nobody', out.empty(), repr(c))
    with c:
        c.notify(0.5)
    print('notify(0.5) woke', out.get())
    time.sleep(0.1)
    print('one left', out.empty(), repr(c))
    with c:
        c.notify_all()
    print('notify_all woke the rest', out.get())
    for q in ps:
        q.join()
    print('no sleepers', repr(c))
    p = mp.Process(target=sleeper, args=(c, out, 0.1))
    p.start()
    p.join()
    print('a child timed out', out.get(), repr(c))
    with c:
        c.notify()
    print('notify after the timeout', repr(c))
    t = threading.Thread(target=sleeper, args=(c, out, 30))
    t.start()
    until(lambda: repr(c).endswith(', 1)>'))
    with c:
        c.notify()
    t.join()
    print('a thread woke', out.get())

    # arguments
    with c:
        show("wait('x')", lambda: c.wait('x'))
        show('wait(1, 2)', lambda: c.wait(1, 2))
        show("notify('x')", lambda: c.notify('x'))
        show('notify(None)', lambda: c.notify(None))
        show('notify(1.5) with no sleepers', lambda: c.notify(1.5))
        show('notify(n=2 ** 70)', lambda: c.notify(n=2 ** 70))
        show('notify_all(1)', lambda: c.notify_all(1))
        show('wait_for(5)', lambda: c.wait_for(5))
        show("wait_for(lambda: 0, 'x')", lambda: c.wait_for(lambda: 0, 'x'))
        show("wait_for(lambda: 1, 'x')", lambda: c.wait_for(lambda: 1, 'x'))
        show('wait_for()', lambda: c.wait_for())
    show("wait('x') without the lock", lambda: c.wait('x'))
    show("notify('x') without the lock", lambda: c.notify('x'))

    # wait_for (item 75)
    calls = []

    def counted(value):
        def predicate():
            calls.append(1)
            return value
        return predicate

    with c:
        for value in ('yes', 42, [1], 0, '', None, [], False):
            calls.clear()
            r = c.wait_for(counted(value), 0.05)
            print('wait_for returns', repr(r), 'after', len(calls), 'calls')
        calls.clear()
        print('wait_for(falsy, 0)', c.wait_for(counted(0), 0), len(calls), 'call')
        calls.clear()
        print('wait_for(falsy, -1)', c.wait_for(counted(''), -1), len(calls), 'call')
        print('wait_for(truthy, None)', c.wait_for(lambda: 'at once', None))
        print('wait_for(predicate=..., timeout=...)', c.wait_for(predicate=lambda: 7, timeout=1))
        show('wait_for raising', lambda: c.wait_for(lambda: 1 / 0, 1))
    box = mp.Value('i', 0)
    p = mp.Process(target=raise_value, args=(c, box, 0.05))
    p.start()
    with c:
        print('wait_for a value set by a child', c.wait_for(lambda: box.value >= 3 and box.value, 10))
    p.join()

    # Event (item 76)
    e = mp.Event()
    print(repr(e), str(e)[-6:], 'is_set', e.is_set())
    r, t = timed(lambda: e.wait(0.2))
    print('wait(0.2)', r, 'waited:', t >= 0.15, 'wait(0)', e.wait(0), 'wait(-1)', e.wait(-1))
    print('set', e.set(), 'set again', e.set(), repr(e)[-4:], e.is_set())
    r, t = timed(lambda: e.wait(10))
    print('wait(10) when set', r, 'at once:', t < 1, 'wait()', e.wait(), 'wait(-1)', e.wait(-1))
    print('clear', e.clear(), 'clear again', e.clear(), repr(e)[-6:], e.is_set(), 'wait(0)', e.wait(0))
    ps = [mp.Process(target=event_waiter, args=(e, out, 30)) for _ in range(3)]
    for q in ps:
        q.start()
    ts = [threading.Thread(target=event_waiter, args=(e, out, None)) for _ in range(2)]
    for q in ts:
        q.start()
    time.sleep(0.2)
    print('waiters still waiting', out.empty())
    e.set()
    for q in ps + ts:
        q.join()
    print('one set wakes every waiter', sorted(out.get() for _ in range(5)))
    show("set Event: wait('x')", lambda: e.wait('x'))
    e.clear()
    show("unset Event: wait('x')", lambda: e.wait('x'))
    show('wait(1, 2)', lambda: e.wait(1, 2))
    show('set(1)', lambda: e.set(1))
    show('clear(1)', lambda: e.clear(1))
    show('is_set(1)', lambda: e.is_set(1))
    show('wait(timeout=None, x=1)', lambda: e.wait(timeout=None, x=1))
    p = mp.Process(target=event_setter, args=(e, 0.1))
    p.start()
    print('a child sets it: wait(10)', e.wait(10), 'is_set', e.is_set())
    p.join()
    e.clear()
    p = mp.Process(target=event_waiter, args=(e, out, 0.1))
    p.start()
    p.join()
    print('a child times out', out.get(), 'is_set', e.is_set())
    p = mp.Process(target=lambda: out.put((e.is_set(), e.set(), e.is_set())))
    p.start()
    p.join()
    print('child is_set, set, is_set', out.get(), '; parent is_set', e.is_set())
    p = mp.Process(target=lambda: out.put((e.clear(), e.is_set())))
    p.start()
    p.join()
    print('child clear, is_set', out.get(), '; parent is_set', e.is_set())

    # pickling outside process start (item 77)
    for name, obj in [('Condition', c), ('Condition(Lock)', cl), ('Event', e), ('set Event', (e.set(), e)[1])]:
        show('pickle.dumps(%s)' % name, lambda: pickle.dumps(obj))
    show('copy.copy(Condition)', lambda: copy.copy(c))
    show('copy.deepcopy(Event)', lambda: copy.deepcopy(e))
