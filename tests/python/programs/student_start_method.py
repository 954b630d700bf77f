# set_start_method('fork'), get_start_method, get_context('fork') and the objects it makes, and what a
# second set_start_method says
import multiprocessing as mp

def put_name(q):
    q.put(mp.current_process().name)

def add_one(x):
    return x + 1

if __name__ == '__main__':
    mp.set_start_method('fork')
    print(mp.get_start_method())
    try:
        mp.set_start_method('fork')
    except RuntimeError as e:
        print('RuntimeError:', e)
    mp.set_start_method('fork', force=True)
    print('fork' in mp.get_all_start_methods())
    ctx = mp.get_context('fork')
    print(ctx.get_start_method(), type(ctx).__name__)
    q = ctx.Queue()
    p = ctx.Process(target=put_name, args=(q,))
    p.start()
    print(q.get())
    p.join()
    print(p.exitcode, isinstance(p, mp.Process) or type(p).__name__)
    with ctx.Pool(2) as pool:
        print(pool.map(add_one, range(5)))
    lock = ctx.Lock()
    with lock:
        print('ctx lock held')
    v = ctx.Value('i', 7)
    print(v.value)
    default = mp.get_context()
    print(default.get_start_method())
    try:
        mp.get_context('no-such-method')
    except ValueError as e:
        print('ValueError:', e)
