# Pool: map, imap, imap_unordered, starmap, apply, apply_async, callbacks, exceptions, close/join, with
import multiprocessing as mp

def square(x):
    return x * x

def add(a, b):
    return a + b

def fail(x):
    if x == 3:
        raise KeyError(x)
    return x

if __name__ == '__main__':
    with mp.Pool(3) as pool:
        print(pool.map(square, range(10)))
        print(list(pool.imap(square, range(6))))
        print(sorted(pool.imap_unordered(square, range(6))))
        print(list(pool.imap(square, range(7), chunksize=3)))
        print(pool.starmap(add, [(1, 2), (3, 4)]))
        print(pool.apply(add, (5, 6)))
        r = pool.apply_async(square, (9,))
        print(r.get(timeout=10), r.ready(), r.successful())
        got = []
        pool.map_async(square, [1, 2], callback=got.append).wait()
        print('callback', got)
        try:
            pool.map(fail, range(5))
        except KeyError as e:
            print('KeyError from a worker', e)
        print(pool.map(square, []))
    pool = mp.Pool(2)
    print(pool.map(add, [1, 2], chunksize=1) if False else pool.map(square, [4]))
    try:
        pool.join()
    except ValueError as e:
        print('ValueError', e)
    pool.close()
    pool.join()
    try:
        pool.map(square, [1])
    except ValueError as e:
        print('ValueError', e)
