# The multiprocessing docs' first examples: Process with info(), f('bob'), and a Pool map, as a student
# copies them (pids printed only as comparisons, so the output is the same from run to run)
from multiprocessing import Process, Pool
import os

MAIN_PID = os.getpid()

def info(title):
    print(title)
    print('module name:', __name__)
    print('parent process is main:', os.getppid() == MAIN_PID or os.getpid() == MAIN_PID)
    print('process id is main:', os.getpid() == MAIN_PID)

def f(name):
    info('function f')
    print('hello', name)

def sq(x):
    return x * x

if __name__ == '__main__':
    info('main line')
    p = Process(target=f, args=('bob',))
    p.start()
    p.join()
    print('exit code', p.exitcode)
    with Pool(5) as pool:
        print(pool.map(sq, [1, 2, 3]))
