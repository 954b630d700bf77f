# Waits with a timeout end by themselves, so a run whose every process sits in one is not hung: the observed
# run (hang check after 1 s of quiet) must let each of these run out, as CPython does.
import multiprocessing as mp
import queue


def child(conn, ev, lock):
    print('child got', conn.recv())  # waits, with no timeout, while the parent polls
    print('child: event set within 1.5 s?', ev.wait(1.5))
    with lock:
        conn.send('locked')
        print('child: done holding the lock')
        conn.recv()  # until the parent has given up on the lock


if __name__ == '__main__':
    mine, theirs = mp.Pipe()
    ev = mp.Event()
    lock = mp.Lock()
    p = mp.Process(target=child, args=(theirs, ev, lock))
    p.start()
    print('poll(1.5) while the child waits in recv():', mine.poll(1.5))
    mine.send('hello')
    p.join(1.8)  # the child is in ev.wait(1.5): both wait with a timeout
    print('after join(1.8), child alive:', p.is_alive())
    print('child says', mine.recv())
    print('acquire(timeout=1.3) of the lock the child holds:', lock.acquire(timeout=1.3))
    mine.send('go on')
    p.join()
    print('child exit code', p.exitcode)
    q = mp.Queue()
    try:
        q.get(timeout=1.2)
    except queue.Empty:
        print('get(timeout=1.2) on an empty queue raises Empty')
