# Pipe ends and Connection objects (items 31, 32, 40, 44): duplex and simplex ends, the readable/writable
# flags, the order of the checks (closed, direction, arguments), wrong-direction errors, close() twice, the
# closed property, every operation on a closed end, fileno, `with`, reprs, Connection(fd) built by hand.
import array
import multiprocessing as mp
import multiprocessing.connection as mc
import os

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)), e.args)

OPERATIONS = [
    ('send', lambda c: c.send(1)),
    ('send unpicklable', lambda c: c.send(lambda: 0)),
    ('send_bytes', lambda c: c.send_bytes(b'abc')),
    ('send_bytes str', lambda c: c.send_bytes('abc')),
    ('send_bytes bad offset', lambda c: c.send_bytes(b'abc', -1)),
    ('recv', lambda c: c.recv()),
    ('recv_bytes', lambda c: c.recv_bytes()),
    ('recv_bytes negative', lambda c: c.recv_bytes(-1)),
    ('recv_bytes_into', lambda c: c.recv_bytes_into(bytearray(4))),
    ('recv_bytes_into str', lambda c: c.recv_bytes_into('abc')),
    ('recv_bytes_into negative', lambda c: c.recv_bytes_into(bytearray(4), -1)),
    ('poll', lambda c: c.poll()),
    ('poll negative', lambda c: c.poll(-1)),
]

if __name__ == '__main__':
    a, b = mp.Pipe()
    print('duplex', type(a).__name__, type(a).__module__, type(a).__qualname__, isinstance(a, mc.Connection))
    print('duplex flags', a.readable, a.writable, b.readable, b.writable, a.closed, b.closed)
    print('repr', repr(a).split(' at ')[0], str(b).split(' at ')[0], repr(a) == str(a))
    print('fileno', type(a.fileno()).__name__, a.fileno() != b.fileno(), a.fileno() >= 0)
    a.send('from a'); b.send('from b')
    print('both ways', b.recv(), a.recv())
    r, w = mp.Pipe(duplex=False)
    print('simplex flags', r.readable, r.writable, w.readable, w.writable)
    print('send returns', repr(w.send(1)), 'send_bytes returns', repr(w.send_bytes(b'x')))
    print('simplex', r.recv(), r.recv_bytes())
    for name, op in OPERATIONS:
        if name.startswith('send'):
            show('read end: ' + name, lambda: op(r))
        else:
            show('write end: ' + name, lambda: op(w))
    r2, w2 = mp.Pipe(False)
    print('Pipe(False)', r2.readable, r2.writable, w2.readable, w2.writable)
    r3, w3 = mp.Pipe(duplex=0)
    print('Pipe(duplex=0)', r3.readable, w3.writable, w3.readable)
    d1, d2 = mp.Pipe(1)
    print('Pipe(1)', d1.readable, d1.writable)
    for c in (r2, w2, r3, w3, d1, d2):
        c.close()
    # arguments matched as Python matches a method's (CPython's Connection methods are Python functions)
    p1, p2 = mp.Pipe()
    for name, call in [('send()', lambda: p1.send()), ('send(1, 2)', lambda: p1.send(1, 2)),
                       ('send(obj=[5])', lambda: p1.send(obj=[5])), ('send(x=1)', lambda: p1.send(x=1)),
                       ('send(1, obj=2)', lambda: p1.send(1, obj=2)), ('recv(1)', lambda: p2.recv(1)),
                       ('recv(x=1)', lambda: p2.recv(x=1)), ('send_bytes()', lambda: p1.send_bytes()),
                       ('send_bytes(b"", 0, None, 1)', lambda: p1.send_bytes(b'', 0, None, 1)),
                       ('send_bytes(b"x", buf=b"y")', lambda: p1.send_bytes(b'x', buf=b'y')),
                       ('send_bytes(offset=1)', lambda: p1.send_bytes(offset=1)),
                       ('send_bytes(b"xyz", size=1, offset=2)', lambda: p1.send_bytes(b'xyz', size=1, offset=2)),
                       ('recv_bytes(1, 2)', lambda: p2.recv_bytes(1, 2)), ('recv_bytes(x=2)', lambda: p2.recv_bytes(x=2)),
                       ('recv_bytes(maxlength=None)', lambda: p2.recv_bytes(maxlength=None)),
                       ('recv_bytes_into()', lambda: p2.recv_bytes_into()),
                       ('recv_bytes_into(b, 0, 1)', lambda: p2.recv_bytes_into(bytearray(2), 0, 1)),
                       ('recv_bytes_into(buf=b, offset=0)', lambda: p2.recv_bytes_into(buf=bytearray(2), offset=0)),
                       ('poll(1, 2)', lambda: p2.poll(1, 2)), ('poll(when=1)', lambda: p2.poll(when=1)),
                       ('poll(0, timeout=0)', lambda: p2.poll(0, timeout=0)), ('poll()', lambda: p2.poll())]:
        show(name, call)
    p1.close(); p2.close()
    # close() twice, then everything raises 'handle is closed' (checked before direction and arguments)
    print('close returns', repr(b.close()), repr(b.close()), 'closed', b.closed)
    print('flags after close', b.readable, b.writable)
    for name, op in OPERATIONS + [('fileno', lambda c: c.fileno())]:
        show('closed: ' + name, lambda: op(b))
    w.close(); r.close()
    for name, op in [('send', lambda c: c.send(1)), ('recv', lambda c: c.recv()), ('poll', lambda c: c.poll())]:
        show('closed read end: ' + name, lambda: op(r))
        show('closed write end: ' + name, lambda: op(w))
    print('repr of a closed end', repr(b).split(' at ')[0])
    show('peer of a closed end: poll', a.poll)
    show('peer of a closed end: recv', a.recv)
    show('peer of a closed end: recv again', a.recv_bytes)
    a.close()
    # with: returns the connection itself and closes it on exit, also when the block raises
    x, y = mp.Pipe()
    with x as entered:
        print('with returns the same object', entered is x, x.closed)
        x.send([1, 2])
    print('after with', x.closed, y.recv())
    try:
        with y:
            raise KeyError('inside')
    except KeyError as e:
        print('exception passes through with', repr(e), 'closed', y.closed)
    print('__exit__ returns', repr(x.__exit__(None, None, None)))
    # the last reference gone (__del__) closes the handle: the peer sees end of file
    x, y = mp.Pipe()
    x.send('before del')
    del x
    print('after del of the peer', y.recv(), end=' ')
    show('then', y.recv)
    r, w = mp.Pipe(duplex=False)
    del w
    show('simplex, write end dropped', r.recv)
    r.close(); y.close()
    # a Connection built from a descriptor
    fd1, fd2 = os.pipe()
    rc = mc.Connection(fd1, writable=False)
    wc = mc.Connection(fd2, readable=False)
    print('built', rc.readable, rc.writable, wc.readable, wc.writable, rc.fileno() == fd1)
    wc.send({'k': (1, 2)}); print('built pipe carries', rc.recv())
    wc.close(); show('built pipe at EOF', rc.recv)
    rc.close()
    show('Connection(-1)', lambda: mc.Connection(-1))
    show('Connection(neither)', lambda: mc.Connection(0, readable=False, writable=False))
    show('Connection(str)', lambda: mc.Connection('3'))
    sa, sb = os.pipe()
    both = mc.Connection(sa)
    print('default flags', both.readable, both.writable)
    both.close(); os.close(sb)
    print('BufferTooShort', mp.BufferTooShort.__mro__[1:] == (mp.ProcessError, Exception, BaseException, object),
          mp.BufferTooShort is mc.BufferTooShort if hasattr(mc, 'BufferTooShort') else 'no mc.BufferTooShort')
