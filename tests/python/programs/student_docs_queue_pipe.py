# The docs' Queue and Pipe examples, and passing objects of several kinds between processes
from multiprocessing import Process, Queue, Pipe
import collections

Point = collections.namedtuple('Point', 'x y')

def f(q):
    q.put([42, None, 'hello'])

def g(conn):
    conn.send([42, None, 'hello'])
    conn.close()

def echo(q_in, q_out):
    while True:
        item = q_in.get()
        if item is None:
            break
        q_out.put((type(item).__name__, item))

if __name__ == '__main__':
    q = Queue()
    p = Process(target=f, args=(q,))
    p.start()
    print(q.get())    # prints "[42, None, 'hello']"
    p.join()

    parent_conn, child_conn = Pipe()
    p = Process(target=g, args=(child_conn,))
    p.start()
    print(parent_conn.recv())   # prints "[42, None, 'hello']"
    p.join()

    q_in, q_out = Queue(), Queue()
    p = Process(target=echo, args=(q_in, q_out))
    p.start()
    items = [1, 2.5, 'text', b'bytes', (1, 2), {'a': 1}, {3, 4}, Point(1, 2), None, 10**30, [[]], True]
    for item in items[:-4]:
        q_in.put(item)
    for item in items[-3:]:
        q_in.put(item)
    q_in.put(None)
    for _ in range(len(items) - 1):
        print(q_out.get())
    p.join()
    print('empty', q_out.empty(), 'exitcode', p.exitcode)
