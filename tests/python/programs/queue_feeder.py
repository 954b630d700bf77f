# The feeder thread: empty() right after put() (item 9), pickling errors in the feeder (item 7), a mutable
# object pickled when the feeder writes it, and per-producer order (item 22).
import multiprocessing as mp
import threading
import time

def producer(q, tag):
    for i in range(50):
        q.put((tag, i))

if __name__ == '__main__':
    q = mp.Queue()
    q.put(1)
    print('empty right after put:', q.empty())
    time.sleep(0.2)
    print('empty after a pause:', q.empty())
    print(q.get())
    q.put(threading.Lock())     # returns normally; the feeder reports the error
    q.put('after the bad one')
    print('got', q.get())
    item = [1]
    q.put(item)
    item.append(2)              # before the feeder has pickled it
    print('mutated item arrives as', q.get())
    procs = [mp.Process(target=producer, args=(q, t)) for t in 'ab']
    for p in procs:
        p.start()
    seen = {'a': [], 'b': []}
    for _ in range(100):
        tag, i = q.get()
        seen[tag].append(i)
    for p in procs:
        p.join()
    print('in order per producer:', all(seen[t] == list(range(50)) for t in 'ab'))
