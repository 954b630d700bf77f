# Barrier: parties, n_waiting, broken and repr; wait() indices across processes (each once, the last arriver
# gets parties-1 and runs the action), reuse, timeouts, abort(), reset() and an action that raises
# (items 78-80)
import multiprocessing as mp
import pickle
import threading
import time

OUT = None
BARRIER = None


def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__module__, type(e).__name__, repr(str(e)))


def until(predicate, limit=10):
    end = time.monotonic() + limit
    while not predicate() and time.monotonic() < end:
        time.sleep(0.01)
    return predicate()


def arrive(barrier, out, timeout=None):
    try:
        out.put(('index', barrier.wait(timeout)))
    except Exception as e:
        out.put((type(e).__name__, str(e)))


def arrive_twice(barrier, out):
    for _ in range(2):
        arrive(barrier, out)


def action():
    OUT.put(('action in', mp.current_process().name, BARRIER.n_waiting, BARRIER.broken))


def failing_action():
    raise ValueError('action failed')


def drain(out, n):
    return sorted(out.get() for _ in range(n))


if __name__ == '__main__':
    # attributes (item 78)
    b = mp.Barrier(3)
    print('parties', b.parties, 'n_waiting', b.n_waiting, 'broken', b.broken, repr(b))
    print('isinstance threading.Barrier', isinstance(b, threading.Barrier), type(b).__name__)
    print('Barrier(1).wait()', mp.Barrier(1).wait(), 'again', mp.Barrier(1).wait())
    one = mp.Barrier(1)
    print('Barrier(1) reused', [one.wait() for _ in range(3)])
    show('pickle.dumps(Barrier)', lambda: pickle.dumps(b))
    show('Barrier()', lambda: mp.Barrier())
    show('Barrier(1, None, None, 4)', lambda: mp.Barrier(1, None, None, 4))
    show('Barrier(1, x=1)', lambda: mp.Barrier(1, x=1))
    show('wait(1, 2)', lambda: b.wait(1, 2))
    show('reset(1)', lambda: b.reset(1))
    show('abort(1)', lambda: b.abort(1))
    print('Barrier(2, None, 5)', repr(mp.Barrier(2, None, 5))[-14:], 'keywords',
          repr(mp.Barrier(parties=4, action=None, timeout=None))[-14:])
    print('mp.BrokenBarrierError exported', hasattr(mp, 'BrokenBarrierError'),
          'synchronize.BrokenBarrierError', hasattr(mp.synchronize, 'BrokenBarrierError'))
    print('synchronize', mp.synchronize.__all__, mp.synchronize.SEM_VALUE_MAX, mp.synchronize.RECURSIVE_MUTEX,
          mp.synchronize.SEMAPHORE)
    print('BrokenBarrierError is a RuntimeError', issubclass(threading.BrokenBarrierError, RuntimeError))

    # indices across processes, the last arriver (item 79)
    out = mp.Queue()
    ps = [mp.Process(target=arrive, args=(b, out)) for _ in range(2)]
    for p in ps:
        p.start()
    print('two waiting', until(lambda: b.n_waiting == 2), b.n_waiting, repr(b))
    print('the parent arrives last', b.wait())
    for p in ps:
        p.join()
    print('children', drain(out, 2), 'n_waiting', b.n_waiting, repr(b))
    ps = [mp.Process(target=arrive_twice, args=(b, out)) for _ in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print('two generations of three children', drain(out, 6))
    OUT = out
    BARRIER = mp.Barrier(2, action=action)
    first = mp.Process(target=arrive, args=(BARRIER, out), name='First')
    first.start()
    until(lambda: BARRIER.n_waiting == 1)
    last = mp.Process(target=arrive, args=(BARRIER, out), name='Last')
    last.start()
    first.join()
    last.join()
    print('action run by the last arriver', drain(out, 3))
    p = mp.Process(target=arrive, args=(BARRIER, out), name='Child')
    p.start()
    until(lambda: BARRIER.n_waiting == 1)
    print('parent arrives last', BARRIER.wait())
    p.join()
    print('action ran here', drain(out, 2))
    p = mp.Process(target=arrive_twice, args=(BARRIER, out), name='Twice')
    p.start()
    for _ in range(2):
        until(lambda: BARRIER.n_waiting == 1)
        BARRIER.wait()
    p.join()
    print('once per generation', [x[0] for x in drain(out, 4)].count('action in'))
    ts = [threading.Thread(target=arrive, args=(BARRIER, out)) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print('two threads', drain(out, 3))

    # timeouts, abort, reset (item 80)
    bt = mp.Barrier(2, timeout=0.1)
    show('default timeout', bt.wait)
    print('broken', bt.broken, 'n_waiting', bt.n_waiting, repr(bt)[-8:])
    show('wait on a broken barrier', bt.wait)
    show('wait(timeout=5) on a broken barrier', lambda: bt.wait(5))
    p = mp.Process(target=arrive, args=(bt, out))
    p.start()
    p.join()
    print('a child on a broken barrier', out.get())
    bt.reset()
    print('after reset', bt.broken, repr(bt)[-14:])
    p = mp.Process(target=arrive, args=(bt, out, 10))
    p.start()
    until(lambda: bt.n_waiting == 1)
    print('usable again', bt.wait(10))
    p.join()
    print('child', out.get())
    bl = mp.Barrier(2, timeout=100)
    start = time.monotonic()
    show('wait(timeout=0.1) overrides the default', lambda: bl.wait(timeout=0.1))
    print('within a second', time.monotonic() - start < 1, 'broken', bl.broken)
    bl.reset()
    show('wait(-1)', lambda: bl.wait(-1))
    bl.reset()
    show('wait(0)', lambda: bl.wait(0))
    ba = mp.Barrier(3)
    ps = [mp.Process(target=arrive, args=(ba, out)) for _ in range(2)]
    for p in ps:
        p.start()
    until(lambda: ba.n_waiting == 2)
    ba.abort()
    for p in ps:
        p.join()
    print('abort wakes the waiters with', drain(out, 2), 'broken', ba.broken, 'n_waiting', ba.n_waiting)
    show('wait after abort', ba.wait)
    ba.abort()
    print('abort again', ba.broken)
    ba.reset()
    print('reset after abort', ba.broken, ba.n_waiting)
    ps = [mp.Process(target=arrive, args=(ba, out)) for _ in range(2)]
    for p in ps:
        p.start()
    until(lambda: ba.n_waiting == 2)
    ba.reset()
    for p in ps:
        p.join()
    print('reset while two wait', drain(out, 2), 'broken', ba.broken, 'n_waiting', ba.n_waiting)
    ps = [mp.Process(target=arrive, args=(ba, out)) for _ in range(2)]
    for p in ps:
        p.start()
    until(lambda: ba.n_waiting == 2)
    print('usable after that reset', ba.wait(10))
    for p in ps:
        p.join()
    print('children', drain(out, 2))
    bf = mp.Barrier(2, action=failing_action)
    p = mp.Process(target=arrive, args=(bf, out))
    p.start()
    until(lambda: bf.n_waiting == 1)
    show('the last arriver sees the exception of the action', bf.wait)
    p.join()
    print('the other waiter', out.get(), 'broken', bf.broken)
    show('later wait', bf.wait)
    ba = mp.Barrier(1, action=lambda: print('action sees', ba.n_waiting, ba.broken, repr(ba)[-14:]))
    print('Barrier(1) with an action', ba.wait())
    ba = mp.Barrier(1, action=lambda: ba.abort())
    print('an action that aborts', ba.wait(), 'broken', ba.broken)
    ba = mp.Barrier(1, action=lambda: ba.reset())
    print('an action that resets', ba.wait(), 'broken', ba.broken, 'n_waiting', ba.n_waiting)
    ba = mp.Barrier(2, action=lambda: ba.abort())
    p = mp.Process(target=arrive, args=(ba, out))
    p.start()
    until(lambda: ba.n_waiting == 1)
    print('an action that aborts, two parties', ba.wait(), 'broken', ba.broken)
    p.join()
    print('the other party', out.get())
    b0 = mp.Barrier(0)
    print('Barrier(0)', b0.parties, b0.n_waiting, b0.broken)
    show('Barrier(0).wait(0.05)', lambda: b0.wait(0.05))
