# Queue's feeder and process exit (items 5-7, 10, 12, 16, 19-21, 23 of CPYTHON_SEMANTICS.md), beyond
# queue_feeder.py: what the feeder prints on stderr for an object it cannot pickle and the slot it gives back,
# an unpickling error in get(), close() with data still buffered, the flush at exit and the deadlock of
# joining a producer before draining (shown with join(timeout)), cancel_join_thread, queues after fork.
import multiprocessing as mp
import multiprocessing.queues as mq
import os
import queue
import tempfile
import threading
import time


class NoPickle:
    def __reduce__(self):
        raise ValueError('refused to pickle')


LAMBDA = lambda: 1  # noqa: E731  (pickle cannot find it by its name)


def explode():
    raise LookupError('refused to unpickle')


class NoUnpickle:
    def __reduce__(self):
        return explode, ()


def stderr_of(f):
    """Runs f with file descriptor 2 sent to a file; returns what was written there."""
    with tempfile.TemporaryFile('w+') as tmp:
        saved = os.dup(2)
        os.dup2(tmp.fileno(), 2)
        try:
            f()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        tmp.seek(0)
        return tmp.read()


def attempt(f):
    try:
        return repr(f())
    except Exception as e:
        return 'raises %s %r' % (type(e).__name__, str(e))


def count_items(q, n):
    got = [q.get() for _ in range(n)]
    print('the child got', len(got), 'items, in order:', got == [('item', i) for i in range(n)], flush=True)


def put_and_exit(q, items):
    for item in items:
        q.put(item)


def put_close_exit(q, items):
    for item in items:
        q.put(item)
    q.close()
    q.join_thread()


def put_cancel_exit(q, item, n=None):
    for i in ([item] if n is None else range(n)):
        q.put(i)
    q.cancel_join_thread()


def in_child(q, closed, out):
    # item 23: a fresh buffer and feeder, not closed even though the parent closed `closed`
    feeders = lambda: sum(t.name == 'QueueFeederThread' for t in threading.enumerate())  # noqa: E731
    out.put('feeders in the child after fork: %d' % feeders())
    closed.put('child put on a queue its parent closed')
    out.put('feeders in the child after its put: %d' % feeders())
    out.put(closed.get())
    q.put('from the child')
    out.put(q.get())               # the parent's item, flushed before the fork, comes first


if __name__ == '__main__':
    # item 5: the feeder starts on the first put, a daemon Thread named QueueFeederThread, one per queue and
    # process; close() and join_thread() end it
    before = threading.active_count()
    f = mp.Queue()
    print('threads added by Queue()', threading.active_count() - before)
    f.put(1)
    f.put(2)
    feeders = [t for t in threading.enumerate() if t.name == 'QueueFeederThread']
    print('after two puts: feeders', len(feeders), 'threads added', threading.active_count() - before,
          'daemon', feeders[0].daemon, 'alive', feeders[0].is_alive(), 'class', type(feeders[0]).__name__)
    g = mp.Queue()
    g.put(1)
    print('a second queue: feeders', sum(t.name == 'QueueFeederThread' for t in threading.enumerate()))
    print(f.get(), f.get(), g.get())
    f.close()
    f.join_thread()
    print('after close and join_thread: alive', feeders[0].is_alive(),
          'feeders', sum(t.name == 'QueueFeederThread' for t in threading.enumerate()))
    feeders[0].join()
    g.close()                       # the feeder of a closed queue ends by itself: threading can join it
    for t in threading.enumerate():
        if t.name == 'QueueFeederThread':
            t.join(30)
    print('after close and joining the thread: feeders', sum(t.name == 'QueueFeederThread' for t in threading.enumerate()))

    # item 7: put() of what cannot be pickled returns; the feeder prints the traceback and gives the slot back
    q = mp.Queue(1)

    def bad_put():
        q.put(threading.Lock())
        q.put('after the lock', timeout=10)   # waits for the slot the feeder gives back
        print('get', q.get())
        q.put(NoPickle())
        q.put('after NoPickle', timeout=10)
        print('get', q.get())
        q.put(LAMBDA)
        q.put('after the lambda', timeout=10)
        print('get', q.get())
        q.put(mp.Queue())               # item 24: a queue cannot travel through a queue
        q.put('after the queue', timeout=10)
        print('get', q.get())
    lines = stderr_of(bad_put).splitlines()
    tracebacks = [i for i, line in enumerate(lines) if line == 'Traceback (most recent call last):']
    print('tracebacks on stderr:', len(tracebacks))
    for i in tracebacks[1:] + [len(lines)]:
        print('  last line:', lines[i - 1])
    print('qsize', q.qsize(), 'full', q.full())

    # item 7: the feeder calls the queue's _on_queue_feeder_error(e, obj) hook (what concurrent.futures
    # overrides) instead of printing, and carries on
    class Reporting(mq.Queue):
        seen = []

        @staticmethod
        def _on_queue_feeder_error(e, obj):
            Reporting.seen.append((type(e).__name__, str(e), type(obj).__name__))

    r = Reporting(ctx=mp.get_context())
    quiet = stderr_of(lambda: (r.put(NoPickle()), r.put(threading.Lock()), r.put('good'), r.get(timeout=10)))
    print('hook saw', Reporting.seen, '| stderr', repr(quiet), '| qsize', r.qsize())

    # ...after giving the dropped item's slot back (queue_sem.release(), then onerror): qsize() inside it is 0
    hooked = threading.Event()
    sizes = []

    class Counting(mq.Queue):
        @staticmethod
        def _on_queue_feeder_error(e, obj):
            sizes.append(counting.qsize())
            hooked.set()

    counting = Counting(ctx=mp.get_context())
    counting.put(NoPickle())
    print('hook ran', hooked.wait(10), '| qsize inside the hook', sizes)

    # item 12: an unpickling error is raised by get(), after the item has left the queue
    u = mp.Queue()
    u.put(NoUnpickle())
    u.put('next')
    try:
        u.get()
    except LookupError as e:
        print('get raises', type(e).__name__, e)
    print('qsize', u.qsize(), 'then', u.get(timeout=10))

    # item 16: close() with items buffered: they are all written, and a process that has the pipe gets them
    c = mp.Queue()
    out = mp.Queue()
    reader = mp.Process(target=lambda: out.put(sum(c.get() for _ in range(200))))
    reader.start()
    for i in range(200):
        c.put(i)
    c.close()
    c.join_thread()
    print('the reader got the sum', out.get(timeout=30), 'of the closed queue')
    reader.join()
    # the feeder closed both ends in this process: a child forked now has neither
    late = mp.Process(target=lambda: out.put(attempt(c.get)))
    late.start()
    print('a child forked after the feeder closed the pipe: get', out.get(timeout=30))
    late.join()

    # item 16 in a child: put, close, join_thread, exit; everything arrives
    q = mp.Queue()
    p = mp.Process(target=put_close_exit, args=(q, list(range(5))))
    p.start()
    print('child closed its queue; got', [q.get(timeout=30) for _ in range(5)])
    p.join()
    print('exitcode', p.exitcode)

    # items 19, 20: small items fit in the pipe: the child exits and can be joined before draining
    q = mp.Queue()
    p = mp.Process(target=put_and_exit, args=(q, list(range(10))))
    p.start()
    p.join()
    print('small items: joined first, exitcode', p.exitcode, 'qsize', q.qsize())
    print('then got', [q.get(timeout=30) for _ in range(10)])

    # item 20: a big item does not fit: the child cannot finish exiting until someone reads it
    big = b'x' * (1 << 20)
    p = mp.Process(target=put_and_exit, args=(q, [big, 'tail']))
    p.start()
    p.join(0.5)
    print('big item: after join(0.5) alive', p.is_alive(), 'exitcode', p.exitcode)
    print('got', len(q.get(timeout=30)), 'bytes and', q.get(timeout=30))
    p.join()
    print('after draining: alive', p.is_alive(), 'exitcode', p.exitcode)

    # item 21: cancel_join_thread: the child exits without flushing; qsize still counts what was lost
    lost = mp.Queue()
    p = mp.Process(target=put_cancel_exit, args=(lost, big))
    p.start()
    p.join(30)
    print('cancel_join_thread: exited', not p.is_alive(), 'exitcode', p.exitcode, 'qsize', lost.qsize())

    # item 21: with many small items, what arrives is an in-order prefix; qsize() counts the rest
    lost = mp.Queue()
    p = mp.Process(target=put_cancel_exit, args=(lost, None, 3000))
    p.start()
    p.join(30)
    got = []
    try:
        while True:
            got.append(lost.get(timeout=0.5))
    except queue.Empty:
        pass
    print('cancel_join_thread, 3000 small items: a prefix in order', got == list(range(len(got))),
          '| qsize counts the lost ones', lost.qsize() == 3000 - len(got))

    # item 6: messages bigger than PIPE_BUF from two producers arrive whole, in order per producer
    q = mp.Queue()
    procs = [mp.Process(target=put_and_exit, args=(q, [(tag, i, tag * 100000) for i in range(10)])) for tag in 'ab']
    for p in procs:
        p.start()
    got = [q.get(timeout=30) for _ in range(20)]
    for p in procs:
        p.join()
    print('100 kB messages from two producers: whole', all(len(s) == 100000 and set(s) == {t} for t, _, s in got),
          'in order', all([i for t, i, _ in got if t == tag] == list(range(10)) for tag in 'ab'))

    # item 18: after cancel_join_thread, join_thread returns at once although the feeder cannot write
    stuck = mp.Queue()
    stuck.put(big)                  # nobody reads: the feeder blocks in the write
    stuck.cancel_join_thread()
    stuck.close()
    stuck.join_thread()
    print('join_thread after cancel_join_thread returned; qsize', stuck.qsize())

    # item 23: after fork the child has its own buffer, feeder and closed flag
    q = mp.Queue()
    q.put('from the parent')
    while q.empty():                # wait until the parent's feeder has written it
        time.sleep(0.01)
    closed = mp.Queue()
    closed.close()
    out = mp.Queue()
    p = mp.Process(target=in_child, args=(q, closed, out))
    p.start()
    for _ in range(4):
        print('child:', out.get(timeout=30))
    p.join()
    print('parent gets', q.get(timeout=30), '| exitcode', p.exitcode)
    try:
        closed.get()
    except ValueError:
        print('the parent still sees its queue closed')

    # item 23: items buffered in the parent at fork time are written once, by the parent
    q = mp.Queue()
    for i in range(100):
        q.put(i)
    p = mp.Process(target=lambda: None)
    p.start()
    p.join()
    got = [q.get(timeout=30) for _ in range(100)]
    print('parent buffer across a fork: in order', got == list(range(100)), end=' ')
    try:
        q.get(timeout=0.3)
        print('and a duplicate')
    except queue.Empty:
        print('and no duplicate')

    # item 19: the main process puts and ends at once: exit joins the child and flushes the feeder first
    q = mp.Queue()
    p = mp.Process(target=count_items, args=(q, 2000))
    p.start()
    for i in range(2000):
        q.put(('item', i))
    print('the main program ends here', flush=True)
