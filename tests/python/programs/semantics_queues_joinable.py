# JoinableQueue (items 26-28 of CPYTHON_SEMANTICS.md), beyond joinable_simple.py: get() does not count a task
# done, join() waits while tasks are unfinished even on an empty queue, a Full put counts no task, an item
# the feeder could not pickle still counts, task_done from another process, and JoinableQueue is a Queue.
import multiprocessing as mp
import multiprocessing.queues as mq
import os
import threading


def waiting_join(jq):
    """Starts jq.join() in a thread; says whether it is still waiting 0.3 s later."""
    t = threading.Thread(target=jq.join)
    t.start()
    t.join(0.3)
    return t


def done_in_child(jq, n):
    for _ in range(n):
        jq.get()
        jq.task_done()


if __name__ == '__main__':
    jq = mp.JoinableQueue()
    print('isinstance Queue', isinstance(jq, mq.Queue), 'type', type(jq).__module__, type(jq).__qualname__)
    print('repr', repr(jq))
    jq.join()
    print('join with no tasks returns at once')
    for what, f in (('join(timeout=1)', lambda: jq.join(timeout=1)), ('join(1)', lambda: jq.join(1)),
                    ('task_done(1)', lambda: jq.task_done(1))):
        try:
            f()
        except TypeError as e:
            print(what, 'raises TypeError', e)

    # item 26: get() does not decrement the count; item 28: join waits although qsize() == 0
    jq.put('a')
    jq.put('b')
    print('got', jq.get(), jq.get(), 'qsize', jq.qsize(), 'empty', jq.empty())
    t = waiting_join(jq)
    print('join still waiting on an empty queue:', t.is_alive())
    jq.task_done()
    t.join(0.3)
    print('after one task_done still waiting:', t.is_alive())
    jq.task_done()
    t.join(30)
    print('after the second task_done join returned:', not t.is_alive())
    try:
        jq.task_done()
    except ValueError as e:
        print('third task_done: ValueError', repr(str(e)))

    # task_done before any get is allowed: the count is of puts
    jq.put('c')
    jq.task_done()
    jq.join()
    print('task_done before get: join returns; the item is still there:', jq.get(timeout=10))

    # a put that raises Full counts no task
    b = mp.JoinableQueue(1)
    b.put(1)
    try:
        b.put_nowait(2)
    except mq.Full:
        print('put_nowait on full: Full')
    b.get()
    b.task_done()
    try:
        b.task_done()
    except ValueError:
        print('only the one put counted')

    # a put after close counts no task either
    b.close()
    try:
        b.put(3)
    except ValueError as e:
        print('put after close: ValueError, names the repr:', str(e) == 'Queue %r is closed' % b)
    b.join()
    print('join after close with no unfinished tasks returns')

    # an item the feeder cannot pickle is dropped but its task still counts
    jq = mp.JoinableQueue()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    jq.put(threading.Lock())
    jq.put('good')
    print('got', jq.get(timeout=10))
    os.dup2(saved, 2)
    os.close(saved)
    os.close(devnull)
    jq.task_done()
    t = waiting_join(jq)
    print('join waits for the dropped item:', t.is_alive())
    jq.task_done()
    t.join(30)
    print('one more task_done and join returns:', not t.is_alive())

    # item 27: any process may call task_done; the count is shared
    jq = mp.JoinableQueue()
    for i in range(5):
        jq.put(i)
    p = mp.Process(target=done_in_child, args=(jq, 5))
    p.start()
    jq.join()
    print('the child marked 5 tasks done; join returned')
    p.join()
    print('exitcode', p.exitcode)
    try:
        jq.task_done()
    except ValueError as e:
        print('the parent cannot mark a sixth:', e)
