# Condition, Event, Barrier (items 71-80)
import multiprocessing as mp
import threading

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

def consumer(cond, box, done):
    with cond:
        cond.wait_for(lambda: box.value > 0)
        done.put(box.value)

def arrive(barrier, out):
    out.put(barrier.wait())

if __name__ == '__main__':
    c = mp.Condition()
    show('wait without lock', c.wait)
    with c:
        print('wait timeout', c.wait(0.05))
        print('wait_for falsy', c.wait_for(lambda: 0, 0.05))
        print('wait_for truthy', c.wait_for(lambda: 'yes'))
        c.notify()
    box, done = mp.Value('i', 0), mp.Queue()
    p = mp.Process(target=consumer, args=(c, box, done))
    p.start()
    with c:
        box.value = 42
        c.notify_all()
    print('consumer saw', done.get())
    p.join()
    e = mp.Event()
    print('is_set', e.is_set(), 'wait', e.wait(0.05))
    e.set()
    print('is_set', e.is_set(), 'wait', e.wait())
    e.clear()
    print('cleared', e.is_set())
    b = mp.Barrier(3)
    out = mp.Queue()
    ps = [mp.Process(target=arrive, args=(b, out)) for _ in range(2)]
    for q in ps: q.start()
    mine = b.wait()
    for q in ps: q.join()
    print('indices', sorted([mine, out.get(), out.get()]), 'parties', b.parties)
    b2 = mp.Barrier(2, timeout=0.05)
    show('barrier timeout', b2.wait)
    print('broken', b2.broken)
    show('wait on broken', b2.wait)
    b2.reset()
    print('after reset broken', b2.broken)
    try:
        b2.abort(); b2.wait()
    except threading.BrokenBarrierError:
        print('abort breaks it: threading.BrokenBarrierError')
