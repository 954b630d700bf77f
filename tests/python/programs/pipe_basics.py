# Pipe and Connection: directions, send/recv, bytes, maxlength, recv_bytes_into, offsets, poll, close,
# EOF once every write end is closed (items 31-47)
import multiprocessing as mp
from multiprocessing.connection import wait

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

def child(conn):
    conn.send([1, 'two', 3.0])
    conn.send_bytes(b'raw bytes')
    conn.close()

if __name__ == '__main__':
    a, b = mp.Pipe()
    a.send({'x': 1}); print(b.recv())
    b.send_bytes(b'hello world', 6); print(a.recv_bytes())
    b.send_bytes(b'hello world', 0, 5); print(a.recv_bytes())
    show('send_bytes bad offset', lambda: b.send_bytes(b'abc', 5))
    show('send_bytes negative size', lambda: b.send_bytes(b'abc', 0, -1))
    show('send_bytes too big', lambda: b.send_bytes(b'abc', 2, 5))
    b.send_bytes(b'x' * 10)
    show('recv_bytes maxlength', lambda: a.recv_bytes(4))
    show('after a bad length the end is write-only', a.recv_bytes)
    a, b = mp.Pipe()
    show('recv_bytes negative', lambda: a.recv_bytes(-1))
    b.send_bytes(b'abcdef')
    buf = bytearray(10)
    print('into', a.recv_bytes_into(buf, 2), bytes(buf))
    b.send_bytes(b'0123456789')
    small = bytearray(4)
    try:
        a.recv_bytes_into(small)
    except mp.BufferTooShort as e:
        print('BufferTooShort', e.args[0], issubclass(mp.BufferTooShort, mp.ProcessError))
    print('poll empty', a.poll(), 'poll timeout', a.poll(0.05))
    b.send(1)
    print('poll ready', a.poll(), a.recv())
    print('wait', wait([a], 0.01))
    r, w = mp.Pipe(duplex=False)
    show('send on read end', lambda: r.send(1))
    show('recv on write end', w.recv)
    p = mp.Process(target=child, args=(w,))
    p.start()
    w.close()
    print(r.recv(), r.recv_bytes())
    show('recv at EOF', r.recv)
    p.join()
    r.close(); r.close()
    print('closed', r.closed)
    show('recv on closed', r.recv)
    show('send a lock', lambda: a.send(mp.Lock()))
    a.close()
    show('write with reader gone', lambda: [b.send_bytes(b'x' * 1000) for _ in range(1000)])
