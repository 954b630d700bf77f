# JoinableQueue task_done/join (items 26-28) and SimpleQueue (items 29-30), across processes
import multiprocessing as mp

def worker(q):
    while True:
        item = q.get()
        print('worker got', item, flush=True)
        q.task_done()

def echo(inq, outq):
    for item in iter(inq.get, None):
        outq.put(item * 2)

if __name__ == '__main__':
    jq = mp.JoinableQueue()
    try:
        jq.task_done()
    except ValueError as e:
        print('ValueError:', e)
    w = mp.Process(target=worker, args=(jq,), daemon=True)
    w.start()
    for i in range(3):
        jq.put(i)
    jq.join()
    print('all tasks done')
    inq, outq = mp.SimpleQueue(), mp.SimpleQueue()
    print('simple empty', inq.empty())
    e = mp.Process(target=echo, args=(inq, outq))
    e.start()
    for i in range(5):
        inq.put(i)
    inq.put(None)
    print([outq.get() for _ in range(5)])
    e.join()
    print('exitcode', e.exitcode)
    s = mp.SimpleQueue()
    try:
        s.put(lambda: 1)
    except Exception as ex:
        print('SimpleQueue put of a lambda raises', type(ex).__name__)
    s.put('x')
    print('empty after put', s.empty(), s.get())
    s.close()
