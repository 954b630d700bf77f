# poll() and connection.wait() (items 35, 42, 43): poll with no timeout, a timeout, a negative one and None;
# poll never consumes; EOF counts as readable; wait() on several connections, sentinels and sockets, with
# timeouts; a send bigger than the pipe blocks until the peer reads.
import multiprocessing as mp
import socket
import threading
import time
from multiprocessing.connection import wait

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

def timed(f):
    start = time.monotonic()
    result = f()
    return result, 'at once' if time.monotonic() - start < 0.15 else 'waited'

def later(conn, delay, obj):
    time.sleep(delay)
    conn.send(obj)

def child(conn):
    time.sleep(0.3)
    conn.send('from the child')
    conn.recv()  # the parent's 'bye': the child is still there when the parent waits

if __name__ == '__main__':
    a, b = mp.Pipe()
    print('poll() on nothing', timed(b.poll))
    print('poll(0)', timed(lambda: b.poll(0)))
    print('poll(0.3)', timed(lambda: b.poll(0.3)))
    print('poll(-1)', timed(lambda: b.poll(-1)))
    print('poll(-0.5)', timed(lambda: b.poll(-0.5)))
    print('poll(timeout=0.2)', timed(lambda: b.poll(timeout=0.2)))
    a.send('x')
    print('poll with a message', b.poll(), b.poll(0.5), b.poll(-1), b.poll(None), 'still there', b.recv())
    t = threading.Thread(target=later, args=(a, 0.3, 'late'))
    t.start()
    print('poll(None) waits for it', timed(lambda: b.poll(None)), b.recv())
    t.join()
    t = threading.Thread(target=later, args=(a, 0.3, 'later'))
    t.start()
    print('poll(2) returns when it arrives', timed(lambda: b.poll(2)), b.recv())
    t.join()
    a.send_bytes(b'')
    print('an empty message is readable', b.poll(), b.recv_bytes(), b.poll())
    a.close()
    print('a closed peer is readable', b.poll(), b.poll(None), b.poll(-1))
    show('and recv says', b.recv)
    b.close()
    r, w = mp.Pipe(duplex=False)
    w.close()
    print('simplex EOF is readable', r.poll(), r.poll(None))
    r.close()
    # wait(): the ready objects in the order given, [] on timeout, negative timeouts at once
    pairs = [mp.Pipe() for _ in range(3)]
    readers = [p[1] for p in pairs]
    print('wait none ready, 0.3', timed(lambda: wait(readers, 0.3)))
    print('wait timeout 0', timed(lambda: wait(readers, 0)))
    print('wait timeout -1', timed(lambda: wait(readers, -1)))
    print('wait empty list, 0.2', timed(lambda: wait([], 0.2)))
    pairs[2][0].send(2); pairs[0][0].send(0)
    ready = wait(readers)
    print('wait two ready', [readers.index(c) for c in ready], type(ready).__name__)
    ready = wait(readers[::-1], 1)
    print('wait two ready, reversed list', [readers.index(c) for c in ready])
    print('wait keeps the messages', readers[0].recv(), readers[2].recv())
    pairs[1][0].send('same')
    got = wait(readers, 0)
    print('wait returns the objects given', len(got), got[0] is readers[1], readers[1].recv())
    t = threading.Thread(target=later, args=(pairs[1][0], 0.3, 'one'))
    t.start()
    got, seconds = timed(lambda: wait(readers, 5))
    print('wait until one is ready', [readers.index(c) for c in got], seconds, got[0].recv())
    t.join()
    pairs[0][0].close()
    print('wait sees EOF', [readers.index(c) for c in wait(readers, 0)])
    s1, s2 = socket.socketpair()
    s2.send(b'!')
    got = wait([readers[1], s1], 1)
    print('wait on a socket', [type(o).__name__ for o in got], got[0] is s1)
    fd = readers[2].fileno()
    pairs[2][0].send('fd')
    print('wait on a descriptor', wait([fd], 1) == [fd], readers[2].recv())
    p = mp.Process(target=child, args=(pairs[1][0],))
    p.start()
    got, seconds = timed(lambda: wait([p.sentinel, readers[1]], 5))
    print('wait on a sentinel and a pipe', ['sentinel' if o == p.sentinel else 'pipe' for o in got], readers[1].recv())
    readers[1].send('bye')
    got = wait([p.sentinel], 5)
    print('wait for the sentinel', got == [p.sentinel])
    p.join()
    print('exitcode', p.exitcode)
    readers[1].close()
    show('wait on a closed connection', lambda: wait([readers[1]], 0))
    show('wait on something with no fileno', lambda: wait([object()], 0))
    s1.close(); s2.close()
    for a, b in pairs:
        a.close(); b.close()
    # a send bigger than the pipe's buffer blocks until the peer reads
    a, b = mp.Pipe()
    t = threading.Thread(target=a.send_bytes, args=(b'z' * 4_000_000,))
    t.start()
    t.join(0.5)
    print('4 MB send blocks while nobody reads', t.is_alive())
    got = b.recv_bytes()
    t.join()
    print('after the peer reads', t.is_alive(), len(got))
    r, w = mp.Pipe(duplex=False)
    t = threading.Thread(target=w.send, args=(list(range(200_000)),))
    t.start()
    t.join(0.5)
    print('a big pickled send blocks too (simplex)', t.is_alive())
    print('received', len(r.recv()))
    t.join()
