# Bytes on a Connection (items 33, 34, 36, 37, 38, 39, 41): the pickle send() writes and recv() reads, the
# framing on the descriptor, messages written in pieces, end of file inside a message, message boundaries and
# empty messages, recv_bytes(maxlength), recv_bytes_into with offsets and item sizes, BufferTooShort,
# send_bytes' offset and size checks, memoryviews and arrays.
import array
import multiprocessing as mp
import os
import pickle
import threading
import time

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return 'Point(%r, %r)' % (self.x, self.y)

class Loud:
    def __reduce__(self):
        raise ValueError('Loud refuses to be pickled')

def raw(conn, n=1000):
    """What is on the wire: the bytes the descriptor holds."""
    return os.read(conn.fileno(), n)

def pieces(fd, parts):
    for part in parts:
        time.sleep(0.05)
        os.write(fd, part)

if __name__ == '__main__':
    a, b = mp.Pipe()
    # send() writes a pickle (protocol 4) after a 4-byte big-endian length; recv() reads a copy
    obj = {'list': [1, 2.5, 'three'], 'tuple': (None, True), 'bytes': b'\x00\xff', 'point': Point(1, 2)}
    a.send(obj)
    got = b.recv()
    print('recv', got, 'a copy:', got is not obj, got['list'] == obj['list'])
    a.send([1, 'two'])
    wire = raw(b)
    print('send on the wire', wire[:4], wire[4:] == pickle.dumps([1, 'two'], protocol=4), wire[4:6])
    a.send_bytes(b'hello')
    print('send_bytes on the wire', raw(b))
    a.send_bytes(b'')
    print('empty message on the wire', raw(b))
    a.send((1, 2))
    print('send then recv_bytes', b.recv_bytes() == pickle.dumps((1, 2)))
    a.send_bytes(pickle.dumps({'pickled': 'by hand'}))
    print('send_bytes(pickle) then recv', b.recv())
    a.send_bytes(pickle.dumps(Point(3, 4), protocol=0))
    print('protocol 0 pickle then recv', b.recv())
    a.send_bytes(b'not a pickle')
    show('recv of bytes that are not a pickle', b.recv)
    a.send_bytes(b'')
    show('recv of an empty message', b.recv)
    show('poll after those', b.poll)
    # pickling errors reach the caller, and nothing is written
    show('send a lambda', lambda: a.send(lambda: 1))
    show('send a generator', lambda: a.send(x for x in ()))
    show('send a thread lock', lambda: a.send(threading.Lock()))
    show('send Loud', lambda: a.send(Loud()))
    show('send a list holding a lambda', lambda: a.send([1, lambda: 2]))
    show('nothing was written', b.poll)
    # message boundaries: two sends, two receives; empty messages are messages
    a.send_bytes(b'a'); a.send_bytes(b'b'); a.send_bytes(b''); a.send_bytes(b'c')
    print('boundaries', [b.recv_bytes() for _ in range(4)])
    a.send_bytes(b'')
    print('empty: poll', b.poll(), 'recv_bytes', b.recv_bytes(), 'poll again', b.poll())
    a.send(None)
    print('None is a message', b.poll(), b.recv())
    # framing written by hand: pieces put back together, long headers, end of file inside a message
    r, w = mp.Pipe(duplex=False)
    t = threading.Thread(target=pieces, args=(w.fileno(), [b'\x00\x00', b'\x00\x05he', b'l', b'lo\x00\x00\x00\x01!']))
    t.start()
    print('pieces', r.recv_bytes(), r.recv_bytes())
    t.join()
    os.write(w.fileno(), b'\xff\xff\xff\xff' + (3).to_bytes(8, 'big') + b'big')
    print('8-byte length', r.recv_bytes())
    os.write(w.fileno(), b'\xff\xff\xff\xff' + (3).to_bytes(8, 'big') + b'big')
    show('8-byte length over maxlength 2', lambda: r.recv_bytes(2))
    show('a read end after a bad length', r.recv_bytes)
    print('closed after a bad length', r.closed)
    w.close()
    for name, data in [('half a header', b'\x00\x00'), ('header only', b'\x00\x00\x00\x04'),
                       ('part of the payload', b'\x00\x00\x00\x04ab'), ('nothing', b''),
                       ('half a long header', b'\xff\xff\xff\xff\x00'), ('a long header only', b'\xff\xff\xff\xff'),
                       ('negative length', b'\xff\xff\xff\xfe'), ('negative length then data', b'\x80\x00\x00\x00xyz')]:
        r, w = mp.Pipe(duplex=False)
        os.write(w.fileno(), data)
        w.close()
        show('EOF after ' + name, r.recv_bytes)
        show('  then', r.recv_bytes)
        r.close()
    # recv_bytes(maxlength)
    a.send_bytes(b'12345')
    show('maxlength == len', lambda: b.recv_bytes(5))
    a.send_bytes(b'')
    show('maxlength 0, empty message', lambda: b.recv_bytes(0))
    a.send_bytes(b'123456'); a.send_bytes(b'next')
    show('maxlength 5', lambda: b.recv_bytes(5))
    print('a duplex end after a bad length', b.readable, b.writable, b.closed)
    show('  recv_bytes', b.recv_bytes)
    show('  poll', b.poll)
    show('  send still works', lambda: b.send_bytes(b'from b'))
    print('  peer receives', a.recv_bytes())
    show('  the rest of the stream (read raw)', lambda: raw(b))
    a.close(); b.close()
    a, b = mp.Pipe()
    show('maxlength -1', lambda: b.recv_bytes(-1))
    show('maxlength None', lambda: (a.send_bytes(b'x' * 70000), len(b.recv_bytes(None)))[1])
    show('keyword maxlength', lambda: (a.send_bytes(b'kw'), b.recv_bytes(maxlength=2))[1])
    a.send(list(range(100)))
    show('recv has no limit', lambda: len(b.recv()))
    # recv_bytes_into: offsets in bytes, BufferTooShort with the whole message, the buffer untouched
    buf = bytearray(b'.' * 10)
    a.send_bytes(b'abc')
    print('into', b.recv_bytes_into(buf), buf)
    a.send_bytes(b'xyz')
    print('into offset 7', b.recv_bytes_into(buf, 7), buf)
    a.send_bytes(b'0123456789')
    print('into exact fit', b.recv_bytes_into(buf), buf)
    a.send_bytes(b'')
    print('into empty message at offset 10', b.recv_bytes_into(buf, 10), buf)
    a.send_bytes(b'toolong')
    try:
        b.recv_bytes_into(buf, 4)
    except mp.BufferTooShort as e:
        print('BufferTooShort', e.args, str(e), 'buffer', buf, 'consumed', not b.poll())
    a.send_bytes(b'a' * 11)
    try:
        b.recv_bytes_into(buf)
    except mp.ProcessError as e:
        print('BufferTooShort is a ProcessError', type(e).__name__, len(e.args[0]))
    show('into negative offset', lambda: b.recv_bytes_into(buf, -1))
    show('into offset too large', lambda: b.recv_bytes_into(buf, 11))
    print('nothing read by those', b.poll())
    show('into bytes (read-only)', lambda: (a.send_bytes(b'ro'), b.recv_bytes_into(b'xxxx'))[1])
    print('  consumed', not b.poll())
    show('into a str', lambda: b.recv_bytes_into('abc'))
    mv = memoryview(bytearray(8))
    a.send_bytes(b'mv')
    print('into memoryview slice', b.recv_bytes_into(mv[2:6], 1), bytes(mv))
    ints = array.array('i', [0, 0, 0, 0])
    a.send_bytes(b'ABCDEFGH')
    print('into array(i) offset 4', b.recv_bytes_into(ints, 4), ints.tobytes())
    for msg, off in [(b'abcd', 2), (b'abc', 0), (b'abcde', 1), (b'abcdefgh', 8)]:
        ints = array.array('i', [0, 0, 0, 0])
        a.send_bytes(msg)
        print('into array(i)', msg, 'offset', off, '->', b.recv_bytes_into(ints, off), ints.tobytes())
    ints = array.array('i', [0, 0, 0, 0])
    a.send_bytes(b'x' * 13)
    show('into array(i) offset 4, 13 bytes', lambda: b.recv_bytes_into(ints, 4))
    show('into array(i) offset 17', lambda: b.recv_bytes_into(ints, 17))
    a.send_bytes(b'kw!')
    show('into keyword offset', lambda: (b.recv_bytes_into(buf, offset=1), bytes(buf))[1])
    # send_bytes: offset and size in bytes, CPython's checks in CPython's order
    a.send_bytes(b'hello world', 6); print('offset 6', b.recv_bytes())
    a.send_bytes(b'hello world', 0, 5); print('size 5', b.recv_bytes())
    a.send_bytes(b'hello', 5); print('offset == len', b.recv_bytes())
    a.send_bytes(b'hello', 2, 0); print('size 0', b.recv_bytes())
    a.send_bytes(b'hello', size=2); print('keyword size', b.recv_bytes())
    a.send_bytes(buf=b'kw', offset=1); print('keyword buf', b.recv_bytes())
    for args in [(b'abc', -1), (b'abc', 4), (b'abc', 0, -1), (b'abc', 1, 3), (b'abc', -1, -1), (b'abc', 4, -1),
                 (b'abc', 5, 100), (b'abc', 1, -5), (b'', 1), (b'', 0, 1)]:
        show('send_bytes%r' % (args,), lambda: a.send_bytes(*args))
    show('send_bytes(str)', lambda: a.send_bytes('text'))
    show('send_bytes(int)', lambda: a.send_bytes(5))
    show('send_bytes(None)', lambda: a.send_bytes(None))
    show('nothing was sent by those', b.poll)
    a.send_bytes(bytearray(b'bytearray')); print('bytearray', b.recv_bytes())
    a.send_bytes(memoryview(b'memoryview')[3:]); print('memoryview slice', b.recv_bytes())
    ints = array.array('i', [1, 2, 3])
    a.send_bytes(ints); print('array(i)', b.recv_bytes() == ints.tobytes())
    a.send_bytes(ints, 4); print('array(i) offset 4 (bytes)', b.recv_bytes() == ints.tobytes()[4:])
    a.send_bytes(ints, 2, 5); print('array(i) offset 2 size 5', b.recv_bytes() == ints.tobytes()[2:7])
    show('array(i) offset 13', lambda: a.send_bytes(ints, 13))
    show('array(i) size 13', lambda: a.send_bytes(ints, 0, 13))
    a.send_bytes(memoryview(ints)); print('memoryview of array(i)', b.recv_bytes() == ints.tobytes())
    doubles = array.array('d', [1.5, -2.0])
    a.send_bytes(doubles, 8); print('array(d) offset 8', b.recv_bytes() == doubles.tobytes()[8:])
    a.send_bytes(memoryview(b'abcdef').cast('B')); print('cast B', b.recv_bytes())
    strided = memoryview(b'abcdefgh')[::2]
    for args in [(), (1,), (3,), (0, 1), (2, 2), (4,), (5,), (0, 5), (-1,)]:
        show('strided memoryview%r' % (args,), lambda: a.send_bytes(strided, *args))
    print('what those sent', [b.recv_bytes() for _ in range(2)], b.poll())
    show('strided array(i)', lambda: a.send_bytes(memoryview(array.array('i', [1, 2, 3, 4]))[::2]))
    a.send_bytes(b'x' * 16384); a.send_bytes(b'y' * 16385)
    print('around 16 KiB', len(b.recv_bytes()), len(b.recv_bytes()))
    big = bytes(range(256)) * 2000
    t = threading.Thread(target=a.send_bytes, args=(big,))
    t.start()
    got = b.recv_bytes()
    t.join()
    print('512000 bytes from a thread', got == big)
    # arguments that are not ints go through CPython's comparisons and slices, with CPython's errors
    a, b = mp.Pipe()
    for args in [(b'abc', 1.0), (b'abc', 0, 1.0), (b'abc', '1'), (b'abc', 0, '1'), (b'abc', -1.5), (b'abc', 9.5),
                 (b'abc', 1, -0.5), (b'abc', 1, 2.5), (b'abc', None), (b'abc', True), (b'abc', 0, False),
                 (b'abc', 2 ** 70), (b'abc', 0, 2 ** 70), (b'abc', -2 ** 70), (b'abc', 1, -2 ** 70)]:
        show('send_bytes%r' % (args,), lambda: a.send_bytes(*args))
    print('what those sent', [b.recv_bytes() for _ in range(2)], b.poll())
    a.send_bytes(b'abc')
    show('recv_bytes(3.5)', lambda: b.recv_bytes(3.5))
    for arg in [-0.5, '3', float('nan'), float('inf'), 2 ** 70, True]:
        a.send_bytes(b'ab')
        show('recv_bytes(%r)' % (arg,), lambda: b.recv_bytes(arg))
    b.close()
    a, b = mp.Pipe()
    a.send_bytes(b'abc')
    show('recv_bytes(1.5)', lambda: b.recv_bytes(1.5))
    print('after it', b.readable, b.writable)
    c, d = mp.Pipe()
    for arg in ['x', True, False, 0.01, -2.5, 1099, None]:
        if arg not in (None, 1099, True):  # those would wait (True is 1 second)
            show('poll(%r) with nothing to read' % (arg,), lambda: c.poll(arg))
        d.send_bytes(b'.')
        show('poll(%r) with a message' % (arg,), lambda: c.poll(arg))
        c.recv_bytes()
    c.close(); d.close()
    show('poll(timeout=0)', lambda: a.poll(timeout=0))
    a.close(); b.close()
