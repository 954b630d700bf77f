# Lock, RLock, Semaphore, BoundedSemaphore (items 62-70)
import multiprocessing as mp
import time

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

def hold(lock, started, secs):
    with lock:
        started.set()
        time.sleep(secs)

def worker(sem, inside, peak, lock):
    with sem:
        with lock:
            inside.value += 1
            peak.value = max(peak.value, inside.value)
        time.sleep(0.05)
        with lock:
            inside.value -= 1

if __name__ == '__main__':
    l = mp.Lock()
    print(repr(l), l.acquire(), repr(l))
    print('second acquire non-blocking', l.acquire(False), 'timeout', l.acquire(timeout=0.05))
    l.release()
    show('release unlocked', l.release)
    r = mp.RLock()
    print(r.acquire(), r.acquire(), repr(r))
    r.release(); r.release()
    show('release unowned RLock', r.release)
    s = mp.Semaphore(2)
    print(repr(s), s.get_value())
    s.release()
    print('after extra release', s.get_value())
    bs = mp.BoundedSemaphore(1)
    show('bounded release past max', bs.release)
    ev = mp.Event()
    p = mp.Process(target=hold, args=(l, ev, 0.3))
    p.start()
    ev.wait()
    print('held elsewhere: non-blocking', l.acquire(False))
    print('blocking acquire wakes on release', l.acquire(timeout=5))
    l.release()
    p.join()
    sem = mp.Semaphore(2)
    inside, peak, guard = mp.RawValue('i', 0), mp.RawValue('i', 0), mp.Lock()
    ps = [mp.Process(target=worker, args=(sem, inside, peak, guard)) for _ in range(5)]
    for q in ps: q.start()
    for q in ps: q.join()
    print('at most 2 inside:', peak.value <= 2, 'reached 2:', peak.value == 2)
