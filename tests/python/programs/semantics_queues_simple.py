# SimpleQueue (items 29-30 of CPYTHON_SEMANTICS.md), beyond joinable_simple.py: what it does not have,
# empty() seeing a put at once, pickling errors in the caller, a put that blocks while the pipe is full,
# close() and what follows it.
import multiprocessing as mp
import multiprocessing.queues as mq
import threading


def show(what, f, message=True):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)) if message else '')


class NoPickle:
    def __reduce__(self):
        raise ValueError('refused to pickle')


if __name__ == '__main__':
    s = mp.SimpleQueue()
    print('type', type(s).__module__, type(s).__qualname__, 'a Queue:', isinstance(s, mq.Queue))
    print('repr', repr(s))
    print('generic alias', mq.SimpleQueue[int])
    for name in ('qsize', 'full', 'put_nowait', 'get_nowait', 'join_thread', 'cancel_join_thread', 'task_done',
                 'join'):
        show('s.' + name, lambda: getattr(s, name))
    show('put with a timeout', lambda: s.put(1, timeout=1))
    show('put()', lambda: s.put())
    show('put(1, 2)', lambda: s.put(1, 2))
    show('get(False)', lambda: s.get(False))
    show('get(timeout=1)', lambda: s.get(timeout=1))
    show('empty(1)', lambda: s.empty(1))
    s.put(obj='by keyword')
    print('put(obj=...):', s.get())
    show('SimpleQueue(1)', lambda: mp.SimpleQueue(1), message=False)

    # item 30: empty() sees a put at once (no feeder); FIFO
    print('empty', s.empty())
    s.put('one')
    print('empty right after put', s.empty())
    s.put(['two', 2])
    print(s.get(), s.get(), 'empty', s.empty())

    # item 29: pickling errors are raised by put() in the caller; the queue stays usable
    show('put(NoPickle())', lambda: s.put(NoPickle()))
    show('put(threading.Lock())', lambda: s.put(threading.Lock()))
    show('put(a Queue)', lambda: s.put(mp.Queue()))
    print('still usable, empty', s.empty())
    # a mutable object is pickled by put(): a later change does not arrive
    item = [1]
    s.put(item)
    item.append(2)
    print('pickled at put:', s.get())

    # item 29: put writes at once under the writer lock: it blocks while the pipe is full
    big = b'y' * (1 << 20)
    t = threading.Thread(target=s.put, args=(big,))
    t.start()
    t.join(0.3)
    print('a 1 MiB put blocks until a get:', t.is_alive())
    print('got', len(s.get()), 'bytes')
    t.join(30)
    print('then the put returned:', not t.is_alive())

    # across processes, many items from two writers, each whole
    def writer(tag):
        for i in range(200):
            s.put((tag, i, b'z' * 1000))
    procs = [mp.Process(target=writer, args=(tag,)) for tag in 'ab']
    for p in procs:
        p.start()
    got = [s.get() for _ in range(400)]
    for p in procs:
        p.join()
    print('two writers: whole items, in order per writer:',
          all([i for tag, i, _ in got if tag == t] == list(range(200)) for t in 'ab'),
          all(len(z) == 1000 for _, _, z in got))

    # item 30: close() closes both ends, twice is fine; afterwards OSError('handle is closed')
    s.put('left')
    s.close()
    s.close()
    show('get after close', s.get)
    show('put after close', lambda: s.put('x'))
    show('empty after close', s.empty)
    show('put(NoPickle()) after close', lambda: s.put(NoPickle()))
