# A process's life: is_alive, join(timeout), daemon processes, terminate/kill and exit codes -15/-9,
# active_children, close(), and the assertions and ValueErrors of misuse
import multiprocessing as mp
import signal
import time

def sleeper(seconds):
    time.sleep(seconds)

def spin():
    while True:
        time.sleep(0.01)

def attempt(what, call):
    try:
        result = call()
        print(what, '->', result)
    except (AssertionError, ValueError, AttributeError) as e:
        print(what, 'raised', type(e).__name__ + ':', e)

def daemon_child():
    p = mp.Process(target=sleeper, args=(0,))
    attempt('start from a daemon', p.start)

if __name__ == '__main__':
    p = mp.Process(target=sleeper, args=(0.5,))
    attempt('join before start', p.join)
    attempt('is_alive before start', p.is_alive)
    attempt('exitcode before start', lambda: p.exitcode)
    attempt('pid before start', lambda: p.pid)
    attempt('sentinel before start', lambda: p.sentinel)
    p.start()
    attempt('start twice', p.start)
    attempt('close while running', p.close)
    attempt('set daemon after start', lambda: setattr(p, 'daemon', True))
    print('alive', p.is_alive(), 'exitcode', p.exitcode)
    p.join(timeout=0.05)
    print('after join(0.05): alive', p.is_alive(), 'exitcode', p.exitcode)
    p.join()
    print('after join(): alive', p.is_alive(), 'exitcode', p.exitcode)
    p.join()
    print('join again is fine', p.exitcode)
    p.close()
    attempt('close twice', p.close)
    for what, call in [('is_alive', p.is_alive), ('join', p.join), ('exitcode', lambda: p.exitcode),
                       ('pid', lambda: p.pid), ('terminate', p.terminate), ('start', p.start),
                       ('name', lambda: p.name)]:
        attempt(what + ' after close', call)

    t = mp.Process(target=spin)
    k = mp.Process(target=spin)
    t.start()
    k.start()
    print('active', sorted(c.name for c in mp.active_children()))
    t.terminate()
    k.kill()
    t.join()
    k.join()
    print('terminated', t.exitcode, t.exitcode == -signal.SIGTERM, 'killed', k.exitcode, k.exitcode == -signal.SIGKILL)
    print('active', mp.active_children())
    attempt('terminate after exit', t.terminate)
    print('exitcode unchanged', t.exitcode)

    d = mp.Process(target=daemon_child, daemon=True)
    d.start()
    d.join()
    print('daemon exitcode', d.exitcode)

    many = [mp.Process(target=sleeper, args=(0.1 * i,)) for i in range(4)]
    for m in many:
        m.start()
    finished = []
    while len(finished) < len(many):
        for m in many:
            if m not in finished and not m.is_alive():
                finished.append(m)
        time.sleep(0.01)
    print('finished', len(finished), [m.exitcode for m in many])
    print('active at the end', mp.active_children())

    # a daemon still running when the main process ends is terminated
    forever = mp.Process(target=spin, daemon=True)
    forever.start()
    print('leaving main with a daemon alive:', forever.is_alive())
