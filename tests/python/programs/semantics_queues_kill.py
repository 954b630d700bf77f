# Killing a process that is using a queue (item 25 of CPYTHON_SEMANTICS.md): a child killed while it waits
# in get() holds the queue's reader lock for good, so every later get() of the queue waits or times out,
# although an item is there. qsize() still counts it.
import multiprocessing as mp
import queue
import time


def reader(q, ready):
    ready.set()
    q.get()                 # waits for an item, holding the reader lock


if __name__ == '__main__':
    q = mp.Queue()
    ready = mp.Event()
    p = mp.Process(target=reader, args=(q, ready))
    p.start()
    ready.wait(30)
    time.sleep(0.3)         # the child is now inside get()
    p.terminate()
    p.join()
    print('the reader was terminated: exitcode', p.exitcode)
    q.put('an item')
    time.sleep(0.3)
    print('qsize', q.qsize(), 'empty', q.empty())
    try:
        q.get(timeout=0.5)
        print('got it')
    except queue.Empty:
        print('get(timeout=0.5) raises Empty: the dead child still holds the reader lock')
    try:
        q.get_nowait()
    except queue.Empty:
        print('get_nowait raises Empty too')
    q.cancel_join_thread()  # the item stays in the pipe; nothing waits on it at exit
