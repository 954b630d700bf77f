# A worker's exception not caught in the parent: the parent's traceback shows the worker's traceback as a
# multiprocessing.pool.RemoteTraceback ("The above exception was the direct cause..."), and the exit code is 1
from multiprocessing import Pool

def parse(text):
    return int(text)

if __name__ == '__main__':
    with Pool(2) as pool:
        print(pool.map(parse, ['1', '2', '3']))
        print(pool.map(parse, ['4', 'five', '6'], chunksize=3))
    print('not reached')
