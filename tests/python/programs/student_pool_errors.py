# Exceptions in Pool workers reach the parent: the same exception type and message, its __cause__ a
# multiprocessing.pool.RemoteTraceback holding the worker's traceback text; unpicklable functions and results
import multiprocessing
import multiprocessing.pool
import traceback

class MyError(Exception):
    pass

def risky(x):
    if x == 3:
        raise MyError('bad item %d' % x)
    return 10 // (x - 5)

def give_lambda(x):
    return lambda: x

def last_lines(text, n):
    return [line for line in text.strip().splitlines() if line.strip()][-n:]

if __name__ == '__main__':
    with multiprocessing.Pool(2) as pool:
        for x in (1, 3, 5):
            try:
                print(x, pool.apply(risky, (x,)))
            except Exception as e:
                cause = e.__cause__
                print(x, type(e).__name__, e, '| cause:', type(cause).__module__, type(cause).__name__)
                print('  remote traceback ends with', last_lines(str(cause), 3))
                print('  is RemoteTraceback', isinstance(cause, multiprocessing.pool.RemoteTraceback))
                lines = traceback.format_exception(type(e), e, e.__traceback__)
                print('  formatted mentions the cause:',
                      any('The above exception was the direct cause' in line for line in lines))
        try:
            pool.map(risky, range(8), chunksize=8)
        except (MyError, ZeroDivisionError) as e:
            print('map:', type(e).__name__, e)
        try:
            pool.map(lambda x: x + 1, [1, 2])
        except Exception as e:
            print('lambda:', type(e).__name__, str(e).split(' at ')[0])
        try:
            pool.apply(give_lambda, (1,))
        except Exception as e:
            print('unpicklable result:', type(e).__name__, type(e).__module__)
        r = pool.apply_async(risky, (3,))
        r.wait()
        print('successful', r.successful())
        print(pool.map(risky, [0, 1, 2]))
