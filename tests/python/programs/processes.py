# Process: names, start/join/is_alive/exitcode, daemon, terminate/kill, subclassing, exceptions in a child,
# current_process, active_children (items 89 and the Process API)
import multiprocessing as mp
import os
import sys
import time

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

def report(q):
    q.put((mp.current_process().name, mp.current_process().daemon))

def fail():
    raise ValueError('boom')

def leave(code):
    sys.exit(code)

class Worker(mp.Process):
    def __init__(self, q):
        super().__init__()
        self.q = q

    def run(self):
        self.q.put('run() of ' + self.name)

if __name__ == '__main__':
    print(mp.current_process().name, mp.get_start_method(), mp.cpu_count() == os.cpu_count())
    q = mp.Queue()
    p = mp.Process(target=report, args=(q,))
    print(p.name, p.is_alive(), p.exitcode, p.pid)
    show('join before start', p.join)
    p.start()
    print(q.get())
    p.join()
    print('exitcode', p.exitcode, p.is_alive())
    show('start twice', p.start)
    named = mp.Process(target=report, args=(q,), name='worker', daemon=True)
    named.start(); print(q.get()); named.join()
    w = Worker(q); w.start(); print(q.get()); w.join()
    for target, args in [(fail, ()), (leave, (3,)), (leave, (None,)), (leave, ('bye',))]:
        c = mp.Process(target=target, args=args)
        c.start(); c.join()
        print(target.__name__, args, 'exitcode', c.exitcode)
    s = mp.Process(target=time.sleep, args=(10,))
    s.start()
    print('alive', s.is_alive(), 'active', len(mp.active_children()))
    s.terminate(); s.join()
    print('terminated', s.exitcode)
    k = mp.Process(target=time.sleep, args=(10,))
    k.start(); k.kill(); k.join()
    print('killed', k.exitcode, 'active', mp.active_children())
    j = mp.Process(target=time.sleep, args=(0.3,))
    j.start(); j.join(0.01)
    print('join timeout leaves it alive', j.is_alive(), j.exitcode)
    j.join()
    print(j.exitcode)
    show('daemon after start', lambda: setattr(j, 'daemon', True))
    show('spawn context', lambda: mp.get_context('fork').Queue().empty())
