# Output through a pipe (block-buffered, as compare.py runs it): what the parent printed before start() is
# not printed again by the child, a child's prints come out when it ends, a pool worker's when it leaves,
# the parent's last lines before what a child still running prints; and a failed Process() uses a number
import multiprocessing as mp
import time

def child(tag):
    print('child', tag, 'line 1')
    print('child', tag, 'line 2')

def late():
    time.sleep(0.5)
    print('the late child ends after the main program')

def square(x):
    print('worker squares', x)
    return x * x

if __name__ == '__main__':
    print('before any child')
    p = mp.Process(target=child, args=('A',))
    p.start()
    p.join()
    print('between children')
    try:
        mp.Process(target=child, args=(1))
    except TypeError as e:
        print('TypeError:', e)
    p = mp.Process(target=child, args=('B',))
    print(p.name)
    p.start()
    p.join()
    pool = mp.Pool(1)
    print(pool.map(square, range(3)))
    pool.close()
    pool.join()
    print('pool joined')
    mp.Process(target=late).start()
    print('main program ends')
