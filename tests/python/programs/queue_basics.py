# Queue: bounds, put/get, timeouts, nowait variants, Empty/Full classes, qsize/full, close (items 1-4, 10-18)
import multiprocessing as mp
import queue

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

if __name__ == '__main__':
    q = mp.Queue()
    for i in range(5):
        q.put(i)
    print([q.get() for _ in range(5)])
    show('get_nowait on empty', q.get_nowait)
    show('get timeout', lambda: q.get(timeout=0.05))
    show('get block=False', lambda: q.get(False))
    b = mp.Queue(2)
    b.put('a'); b.put('b')
    print('qsize', b.qsize(), 'full', b.full())
    show('put_nowait on full', lambda: b.put_nowait('c'))
    show('put timeout on full', lambda: b.put('c', timeout=0.05))
    show('put block=False timeout', lambda: b.put('c', False, 5))
    print(b.get(), b.get(), 'full', b.full())
    for size in (0, -5):
        u = mp.Queue(size)
        for i in range(100):
            u.put_nowait(i)
        print('maxsize', size, 'qsize', u.qsize(), 'full', u.full())
    q.close()
    show('put after close', lambda: q.put(1) and None)
    show('get after close', q.get)
    c = mp.Queue()
    show('join_thread before close', c.join_thread)
    print('objects', end=' ')
    c.put({'k': [1, 2.5, None, (True, b'x')]}); c.put(10**30); c.put('ünï')
    print(c.get(), c.get(), c.get())
