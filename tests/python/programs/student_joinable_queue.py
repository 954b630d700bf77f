# A worker pool over a JoinableQueue: daemon workers loop forever, task_done() each task, the main process
# waits on q.join(), then reads the results
import multiprocessing

def worker(tasks, results):
    while True:
        n = tasks.get()
        try:
            results.put((n, sum(range(n))))
        finally:
            tasks.task_done()

if __name__ == '__main__':
    tasks = multiprocessing.JoinableQueue()
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=worker, args=(tasks, results), daemon=True) for _ in range(4)]
    for w in workers:
        w.start()
    for n in range(20):
        tasks.put(n)
    tasks.join()
    print('all tasks done')
    out = sorted(results.get() for _ in range(20))
    print(out[:5], out[-1])
    for n in range(5):
        tasks.put(n * 100)
    tasks.join()
    print(sorted(results.get() for _ in range(5)))
    print([w.is_alive() for w in workers])
    try:
        tasks.task_done()
    except ValueError as e:
        print('ValueError:', e)
    print('main done; the daemon workers are terminated at exit')
