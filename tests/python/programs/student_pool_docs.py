# The docs' Pool example: map, imap_unordered, apply_async with os.getpid, get(timeout) raising
# multiprocessing.TimeoutError, and use of the pool after the with-block
from multiprocessing import Pool, TimeoutError
import multiprocessing
import time
import os

def f(x):
    return x*x

if __name__ == '__main__':
    main_pid = os.getpid()
    # start 4 worker processes
    with Pool(processes=4) as pool:

        # print "[0, 1, 4,..., 81]"
        print(pool.map(f, range(10)))

        # print same numbers in arbitrary order
        print(sorted(pool.imap_unordered(f, range(10))))

        # evaluate "f(20)" asynchronously
        res = pool.apply_async(f, (20,))      # runs in *only* one process
        print(res.get(timeout=1))             # prints "400"

        # evaluate "os.getpid()" asynchronously
        res = pool.apply_async(os.getpid, ()) # runs in *only* one process
        print(res.get(timeout=1) != main_pid) # prints the PID of that process

        # launching multiple evaluations asynchronously *may* use more processes
        multiple_results = [pool.apply_async(os.getpid, ()) for i in range(4)]
        print(all(res.get(timeout=1) != main_pid for res in multiple_results))

        # make a single worker sleep for 10 secs
        res = pool.apply_async(time.sleep, (10,))
        try:
            print(res.get(timeout=1))
        except TimeoutError:
            print("We lacked patience and got a multiprocessing.TimeoutError")
        print(TimeoutError is multiprocessing.TimeoutError, issubclass(TimeoutError, multiprocessing.ProcessError))
        print(type(TimeoutError()).__name__, res.ready())

        print("For the moment, the pool remains available for more work")

    # exiting the 'with'-block has stopped the pool
    print("Now the pool is closed and no longer available")
    try:
        pool.map(f, [1])
    except ValueError as e:
        print('ValueError:', e)
