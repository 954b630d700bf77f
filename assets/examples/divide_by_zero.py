import multiprocessing as mp

def worker(q):
    total = 0
    for i in range(5):
        total += q.get()
    print('worker total', total / 0)

if __name__ == '__main__':
    q = mp.Queue()
    p = mp.Process(target=worker, args=(q,))
    p.start()
    for i in range(5):
        q.put(i)
    p.join()
    print('exit code', p.exitcode)
    raise SystemExit(p.exitcode)
