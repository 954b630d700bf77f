# The docs' Lock example (synchronising prints), made deterministic by joining, then a counter guarded by a lock
from multiprocessing import Process, Lock, Value
import time

def f(l, i):
    l.acquire()
    try:
        print('hello world', i, flush=True)
    finally:
        l.release()

def add(counter, lock, n):
    for _ in range(n):
        with lock:
            counter.value += 1

def locked_print(lock, i):
    with lock:
        print('process', i, 'has the lock', flush=True)
        time.sleep(0.01)
        print('process', i, 'releases it', flush=True)

if __name__ == '__main__':
    lock = Lock()
    for num in range(10):
        p = Process(target=f, args=(lock, num))
        p.start()
        p.join()

    counter = Value('i', 0)
    lock = Lock()
    procs = [Process(target=add, args=(counter, lock, 500)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print('counter', counter.value)

    lock.acquire()
    p = Process(target=locked_print, args=(lock, 1))
    p.start()
    print('main holds the lock; child waits:', p.is_alive())
    lock.release()
    p.join()
    print(lock.acquire(False), lock.acquire(False))
    lock.release()
