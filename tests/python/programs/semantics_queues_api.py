# Queue's API as CPython 3.11 has it (items 1-4, 10-15, 17, 18, 24 of CPYTHON_SEMANTICS.md), beyond
# queue_basics.py: constructor arguments, keyword names, negative timeouts, the closed check coming first,
# exception classes and their (empty) arguments, the repr in the messages, pickling outside process start.
import copy
import multiprocessing as mp
import multiprocessing.queues as mq
import pickle
import queue


def show(what, f, message=True):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)) if message else '')


if __name__ == '__main__':
    # item 1: maxsize <= 0 is SEM_VALUE_MAX; the argument goes through '<=' and then a C int
    for size in (0, -5, 1, 2**31 - 1):
        q = mp.Queue(size)
        print('Queue(%d): qsize' % size, q.qsize(), 'full', q.full())
    print('Queue() unbounded after 1000 puts:', all(mp.Queue().put_nowait(i) is None for i in range(1000)))
    show('Queue(2**31)', lambda: mp.Queue(2**31) and None)
    show('Queue(2.5)', lambda: mp.Queue(2.5) and None)
    show("Queue('3')", lambda: mp.Queue('3') and None)
    show('Queue(None)', lambda: mp.Queue(None) and None)
    show('queues.Queue() without ctx', lambda: mq.Queue() and None)
    show('queues.JoinableQueue() without ctx', lambda: mq.JoinableQueue() and None)
    show('queues.SimpleQueue() without ctx', lambda: mq.SimpleQueue() and None)
    q = mq.Queue(3, ctx=mp.get_context())
    print('queues.Queue(3, ctx=...) qsize', q.qsize())
    print('type', type(q).__module__, type(q).__qualname__, type(q) is mq.Queue)
    print('repr', repr(q))

    # items 3, 15: keyword names; put_nowait/get_nowait
    q = mp.Queue()
    q.put(obj='kw', block=True, timeout=None)
    q.put_nowait(obj='nowait kw')
    q.put('positional', True, 5)
    print(q.get(block=True, timeout=5), q.get(True, 5), q.get(timeout=5))
    print('qsize after draining', q.qsize())

    # the arguments as Python methods take them: Python's messages when they are wrong; block goes to
    # SemLock.acquire as an int, get() computes time.monotonic() + timeout first
    jq = mp.JoinableQueue()
    for what, f in (('q.put()', lambda: q.put()), ('q.put(1, 2, 3, 4)', lambda: q.put(1, 2, 3, 4)),
                    ('q.put(1, x=2)', lambda: q.put(1, x=2)), ('q.put(1, obj=2)', lambda: q.put(1, obj=2)),
                    ('q.get(1, 2, 3)', lambda: q.get(1, 2, 3)), ('q.get(x=1)', lambda: q.get(x=1)),
                    ('q.get_nowait(1)', lambda: q.get_nowait(1)), ('q.put_nowait()', lambda: q.put_nowait()),
                    ('q.put_nowait(1, 2)', lambda: q.put_nowait(1, 2)), ('jq.put()', lambda: jq.put()),
                    ('jq.get(1, 2, 3)', lambda: jq.get(1, 2, 3)), ("q.put(1, True, 'x')", lambda: q.put(1, True, 'x')),
                    ("q.put(1, False, 'x')", lambda: q.put(1, False, 'x')), ("q.get(True, 'x')", lambda: q.get(True, 'x')),
                    ("q.get(False, 'x')", lambda: q.get(False, 'x')), ("q.put(1, 'yes')", lambda: q.put(1, 'yes')),
                    ("q.put(1, None)", lambda: q.put(1, None)), ('q.put(1, 1.5)', lambda: q.put(1, 1.5)),
                    ('q.qsize(1)', lambda: q.qsize(1)), ('q.empty(x=1)', lambda: q.empty(x=1)),
                    ('q.full(1)', lambda: q.full(1)), ('q.close(1)', lambda: q.close(1)),
                    ('q.join_thread(1)', lambda: q.join_thread(1)),
                    ('q.cancel_join_thread(1)', lambda: q.cancel_join_thread(1)),
                    ("q.get('', 0.01)", lambda: q.get('', 0.01)), ('q.get(block=None, timeout=0.01)',
                                                                    lambda: q.get(block=None, timeout=0.01))):
        show(what, f)
    print('qsize after the failed calls', q.qsize(), jq.qsize())

    # item 4: a negative put timeout is an immediate try; block=False ignores the timeout
    b = mp.Queue(1)
    b.put('only')
    show('put timeout=-1 on full', lambda: b.put('x', timeout=-1))
    show('put block=False timeout=-1 on full', lambda: b.put('x', False, -1))
    show('put timeout=0 on full', lambda: b.put('x', True, 0))
    show('put_nowait on full', lambda: b.put_nowait('x'))
    print('qsize', b.qsize(), 'full', b.full())
    print('get', b.get(), 'qsize', b.qsize(), 'full', b.full())
    b.put('again', timeout=-1)         # room: succeeds at once
    print('negative timeout with room: qsize', b.qsize())

    # item 13: negative get timeout and block=False with a timeout give Empty at once
    e = mp.Queue()
    show('get timeout=-1 on empty', lambda: e.get(timeout=-1))
    show('get block=False timeout=5 on empty', lambda: e.get(False, 5))
    show('get timeout=0 on empty', lambda: e.get(timeout=0))

    # item 14: the classes and their arguments
    print('queues.Empty is queue.Empty', mq.Empty is queue.Empty, 'queues.Full is queue.Full', mq.Full is queue.Full)
    print('Empty class', queue.Empty.__module__, queue.Empty.__qualname__, issubclass(queue.Empty, Exception))
    for what, f in (('Empty', e.get_nowait), ('Full', lambda: b.put_nowait(1))):
        try:
            f()
        except (queue.Empty, queue.Full) as ex:
            print(what, 'args', ex.args, 'str', repr(str(ex)), 'type', type(ex).__name__)

    # items 10, 11: qsize and full do not lag behind put (the items may still be in the buffer)
    s = mp.Queue(3)
    for i in range(3):
        s.put(i)
        print('after put', i, 'qsize', s.qsize(), 'full', s.full())
    for i in range(3):
        s.get()
        print('after get', i, 'qsize', s.qsize(), 'full', s.full())

    # items 3, 17: the closed check comes before the semaphore; the message names the queue's repr
    c = mp.Queue(1)
    c.put('in')
    c.close()
    c.close()                                   # twice is fine
    for what, f in (('put', lambda: c.put('x')), ('put_nowait', lambda: c.put_nowait('x')),
                    ('get', c.get), ('get_nowait', c.get_nowait), ('get timeout', lambda: c.get(timeout=0.01))):
        try:
            f()
        except ValueError as ex:
            print(what, 'after close: ValueError, names the repr:', str(ex) == 'Queue %r is closed' % c)
    print('qsize after close', c.qsize(), 'full after close', c.full())
    c.join_thread()
    show('empty after close and join_thread', c.empty)
    show('join_thread again', c.join_thread)

    # item 17: empty() after close() with no feeder is True; the pipe is still open
    n = mp.Queue()
    n.close()
    show('empty after close, no feeder', n.empty)
    show('join_thread after close, no feeder', n.join_thread)

    # item 18: join_thread asserts the queue is closed
    j = mp.Queue()
    try:
        j.join_thread()
    except AssertionError as ex:
        print('join_thread before close: AssertionError, names the repr:', str(ex) == 'Queue %r not closed' % j)
    j.put(1)
    try:
        j.join_thread()
    except AssertionError as ex:
        print('join_thread with a feeder, not closed: AssertionError', str(ex) == 'Queue %r not closed' % j)
    print('get', j.get())
    j.close()
    j.join_thread()
    print('join_thread after close with a feeder returns')

    # item 24: shared by inheritance only
    for name, obj in (('Queue', mp.Queue()), ('JoinableQueue', mp.JoinableQueue()), ('SimpleQueue', mp.SimpleQueue())):
        show('pickle.dumps(%s)' % name, lambda: pickle.dumps(obj))
        show('copy.copy(%s)' % name, lambda: copy.copy(obj))
        show('pickle.dumps([%s]) protocol 2' % name, lambda: pickle.dumps([obj], 2))

    # a subclass of queues.Queue, as programs write them: CPython's constructor and methods, its own name
    class TaggedQueue(mq.Queue):
        def __init__(self, tag, maxsize=0):
            super().__init__(maxsize, ctx=mp.get_context())
            self.tag = tag

        def put(self, obj, block=True, timeout=None):
            super().put((self.tag, obj), block, timeout)

    t = TaggedQueue('t', 2)
    t.put('x')
    t.put_nowait('y')               # put_nowait is self.put(obj, False): the subclass's put
    print('subclass:', isinstance(t, mq.Queue), t.get(timeout=10), t.get(timeout=10), t.qsize(), t._maxsize)
    show('pickle.dumps(TaggedQueue)', lambda: pickle.dumps(t))

    class Tasks(mq.JoinableQueue):
        pass
    tq = Tasks(ctx=mp.get_context())
    tq.put(1)
    tq.get(timeout=10)
    tq.task_done()
    tq.join()
    print('JoinableQueue subclass joined; a Queue:', isinstance(tq, mq.Queue), type(tq).__mro__[1].__name__)
