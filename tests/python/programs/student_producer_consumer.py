# Producer/consumer over a Queue with None sentinels, several consumers, results collected and sorted
from multiprocessing import Process, Queue, current_process
import random
import time

def producer(q, n, consumers):
    for i in range(n):
        q.put(i)
        time.sleep(random.random() / 1000)
    for _ in range(consumers):
        q.put(None)

def consumer(q, results):
    count = 0
    while True:
        item = q.get()
        if item is None:
            break
        results.put((item, item * item, current_process().name))
        count += 1
    results.put(('done', count, current_process().name))

if __name__ == '__main__':
    q = Queue()
    results = Queue()
    consumers = [Process(target=consumer, args=(q, results), name='consumer-%d' % i) for i in range(3)]
    prod = Process(target=producer, args=(q, 30, len(consumers)))
    for c in consumers:
        c.start()
    prod.start()
    got = []
    done = []
    while len(done) < len(consumers):
        item = results.get()
        (done if item[0] == 'done' else got).append(item)
    prod.join()
    for c in consumers:
        c.join()
    print(sorted(x for x, _, _ in got) == list(range(30)))
    print(sum(sq for _, sq, _ in got))
    print(sum(n for _, n, _ in done), sorted(name for _, _, name in done))
    print({name for _, _, name in got} <= {c.name for c in consumers})
    print([c.exitcode for c in consumers], prod.exitcode, q.empty(), results.empty())
