# An exception in MainProcess after a child's: tracebacks on stderr, exit code 1, as CPython.
import multiprocessing as mp

def fail():
    raise KeyError('in the child')

if __name__ == '__main__':
    p = mp.Process(target=fail)
    p.start()
    p.join()
    print('child exitcode', p.exitcode)
    q = mp.Queue()
    q.put('left in the queue')
    raise RuntimeError('in MainProcess')
