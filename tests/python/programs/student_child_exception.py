# Exceptions inside child Processes: exit code 1 and the 'Process Process-N:' traceback on stderr, while the
# parent carries on; sys.exit codes, os._exit, and a KeyboardInterrupt-free SystemExit with a message
import multiprocessing
import os
import sys

def divide(a, b):
    return a / b

def worker(n):
    print('worker', n, 'starting', flush=True)
    result = divide(10, n)
    print('worker', n, 'result', result, flush=True)

class Boom(Exception):
    def __init__(self, code):
        super().__init__('boom %d' % code)
        self.code = code

def raise_custom():
    raise Boom(7)

def leave_with(code):
    print('leaving with', repr(code), flush=True)
    sys.exit(code)

def hard_exit():
    print('before os._exit', flush=True)
    os._exit(5)

def nested_error():
    try:
        {}['missing']
    except KeyError as e:
        raise RuntimeError('lookup failed') from e

if __name__ == '__main__':
    for n in (2, 0):
        p = multiprocessing.Process(target=worker, args=(n,))
        p.start()
        p.join()
        print(p.name, 'exitcode', p.exitcode)
    for target, args in [(raise_custom, ()), (leave_with, (3,)), (leave_with, (0,)), (leave_with, (None,)),
                         (leave_with, ('a message',)), (leave_with, (True,)), (hard_exit, ()), (nested_error, ())]:
        p = multiprocessing.Process(target=target, args=args)
        p.start()
        p.join()
        print(p.name, target.__name__, 'exitcode', p.exitcode)
    print('main still running')
