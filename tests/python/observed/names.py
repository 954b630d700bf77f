# The names the stage gives what this program makes: its own variables' (program_names_test.cpp).
import multiprocessing as mp
from multiprocessing import Queue


class Jobs:
    def __init__(self):
        self.jobs = mp.JoinableQueue()


def use(lock):
    with lock:
        pass


def square(x):
    return x * x


def child(conn, results):
    done = mp.Event()
    done.set()
    conn.send('hi')
    results.put(done.is_set())


if __name__ == '__main__':
    q = mp.Queue()
    plain = Queue(3)
    counter = mp.Value('i', 0)
    jobs = Jobs()
    parent_conn, child_conn = mp.Pipe()
    reader, writer = mp.Pipe(duplex=False)
    left, right = mp.Queue(), mp.SimpleQueue()
    queues = [mp.Queue() for _ in range(2)]
    use(mp.Lock())
    with mp.Pool(1) as pool:
        squares = pool.map(square, [1, 2])
    p = mp.Process(target=child, args=(child_conn, q))
    p.start()
    print(parent_conn.recv(), q.get(), squares)
    p.join()
