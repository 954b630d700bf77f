# A program without `if __name__ == '__main__':` (fine with fork), with module-level state the child sees
# as it was at start(), and a global changed in the child that the parent does not see
import multiprocessing
import os

counter = 0
data = ['from the parent']

def work(tag):
    global counter
    counter += 100
    data.append(tag)
    print(tag, 'sees counter', counter, 'data', data, flush=True)

counter = 5
procs = []
for i in range(3):
    counter += 1
    p = multiprocessing.Process(target=work, args=('child-%d' % i,))
    p.start()
    p.join()
    procs.append(p)
print('parent counter', counter, 'data', data)
print([p.exitcode for p in procs], __name__)
q = multiprocessing.Queue()
p = multiprocessing.Process(target=lambda: q.put(os.getpid()))
p.start()
print(q.get() == p.pid)
p.join()
