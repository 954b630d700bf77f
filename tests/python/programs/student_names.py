# current_process() names and _identity, grandchildren (Process-2:1), Process subclass names, pool worker
# names (ForkPoolWorker-N), parent_process(), and repr(Process) in each state (pids masked)
import multiprocessing as mp
import os
import re
import time

def masked(obj):
    return re.sub(r'\b(pid|parent)=\d+', r'\1=N', repr(obj))

def who(q):
    me = mp.current_process()
    parent = mp.parent_process()
    q.put((me.name, me._identity, me.daemon, parent.name if parent else None, parent.pid == os.getppid(),
           masked(me), masked(parent)))

def grandparent(q):
    who(q)
    kids = [mp.Process(target=who, args=(q,)) for _ in range(2)]
    for k in kids:
        k.start()
        k.join()
    named = mp.Process(target=who, args=(q,), name='grandchild')
    named.start()
    named.join()

def pool_name(_):
    time.sleep(0.05)
    return mp.current_process().name

class Custom(mp.Process):
    def run(self):
        print('Custom run as', self.name, flush=True)

if __name__ == '__main__':
    print(mp.current_process().name, mp.current_process()._identity, mp.parent_process())
    print(masked(mp.current_process()))
    q = mp.Queue()
    p1 = mp.Process(target=who, args=(q,))
    print(p1.name, p1._identity, masked(p1))
    p1.start()
    print(q.get())
    p1.join()
    print(masked(p1))
    p2 = mp.Process(target=grandparent, args=(q,))
    p2.start()
    # the child's own put and its children's race to the pipe (its feeder thread may write last): sorted
    for line in sorted(q.get() for _ in range(4)):
        print(line)
    p2.join()
    d = mp.Process(target=who, args=(q,), daemon=True, name='the daemon')
    print(masked(d))
    d.start()
    print(q.get())
    d.join()
    print(masked(d))
    c = Custom()
    print(c.name, masked(c))
    c.start()
    c.join()
    c2 = Custom(name='named custom')
    c2.start()
    c2.join()
    c.close()
    print(masked(c))
    s = mp.Process(target=time.sleep, args=(5,))
    s.start()
    print(masked(s))
    s.terminate()
    s.join()
    print(masked(s))
    with mp.Pool(3) as pool:
        names = pool.map(pool_name, range(12), chunksize=1)
        print(sorted(set(names)))
    p = mp.Process(target=who, args=(q,))
    print(p.name)
    p.name = 'renamed'
    p.start()
    print(q.get()[0])
    p.join()
