# Pool beyond map: apply_async with callback and error_callback, ready()/successful()/wait(), get(timeout),
# map_async/starmap_async, chunksize, imap with a timeout, initializer/initargs, maxtasksperchild,
# close/join and terminate, and the errors of misuse
import multiprocessing
from multiprocessing import Pool
import os
import time

_config = {}

def init(prefix, value):
    _config['prefix'] = prefix
    _config['value'] = value

def tagged(x):
    return '%s%d' % (_config['prefix'], x * _config['value'])

def slow_square(x):
    time.sleep(0.2)
    return x * x

def square(x):
    return x * x

def power(base, exp):
    return base ** exp

def check(x):
    if x < 0:
        raise ValueError('negative: %d' % x)
    return x

def pid_of(_):
    time.sleep(0.01)
    return os.getpid()

if __name__ == '__main__':
    with Pool(2, initializer=init, initargs=('n=', 10)) as pool:
        print(pool.map(tagged, range(5)))
        print(pool.map(square, range(20), chunksize=7))
        print(pool.starmap(power, [(2, 3), (3, 2), (10, 0)]))

        done = []
        r = pool.apply_async(square, (12,), callback=done.append)
        r.wait()
        time.sleep(0.05)
        print('callback got', done, 'ready', r.ready(), 'successful', r.successful(), 'get', r.get())

        errors = []
        r = pool.apply_async(check, (-1,), error_callback=lambda e: errors.append(repr(e)))
        r.wait(5)
        time.sleep(0.05)
        print('error_callback got', errors, 'successful', r.successful())
        try:
            r.get()
        except ValueError as e:
            print('get raised ValueError:', e)

        r = pool.apply_async(slow_square, (3,))
        print('ready at once?', r.ready())
        try:
            r.successful()
        except ValueError as e:
            print('successful() before ready raises ValueError')
        try:
            r.get(timeout=0.01)
        except multiprocessing.TimeoutError:
            print('TimeoutError from get(timeout=0.01)')
        print('then', r.get(timeout=5))

        m = pool.map_async(square, range(6))
        s = pool.starmap_async(power, [(2, 10)])
        print(m.get(5), s.get(5))
        mapped = []
        pool.map_async(check, [1, 2, 3], callback=mapped.append).wait()
        time.sleep(0.05)
        print('map_async callback', mapped)

        it = pool.imap(slow_square, [4, 5])
        try:
            it.next(timeout=0.01)
        except multiprocessing.TimeoutError:
            print('imap next(timeout) raised TimeoutError')
        print(list(it))
        print(list(pool.imap(square, range(10), chunksize=4)))
        print(sorted(pool.imap_unordered(square, range(10), chunksize=3)))
        try:
            pool.map(check, [1, -2, 3, -4], chunksize=4)
        except ValueError as e:
            print('map raised ValueError:', e)
        try:
            list(pool.imap(check, [5, -6]))
        except ValueError as e:
            print('imap raised ValueError:', e)
        try:
            pool.imap(square, [1], chunksize=0)
        except ValueError as e:
            print('ValueError:', e)

    pool = Pool(processes=3, maxtasksperchild=1)
    pids = pool.map(pid_of, range(6), chunksize=1)
    print('maxtasksperchild=1: distinct worker pids', len(set(pids)))
    pool.close()
    pool.join()

    pool = Pool(2)
    res = [pool.apply_async(square, (i,)) for i in range(5)]
    pool.close()
    try:
        pool.apply_async(square, (1,))
    except ValueError as e:
        print('after close:', e)
    pool.join()
    print([r.get() for r in res])

    pool = Pool(2)
    pool.apply_async(time.sleep, (30,))
    t0 = time.monotonic()
    pool.terminate()
    pool.join()
    print('terminate did not wait:', time.monotonic() - t0 < 10)
    try:
        Pool(0)
    except ValueError as e:
        print('Pool(0):', e)
    try:
        Pool(1, initializer=5)
    except TypeError as e:
        print('TypeError:', e)
    print(repr(Pool(1)).replace('RUN', 'state'))
