# Array / RawArray: initializers, indexing and slicing (steps, errors), 'c' arrays' value/raw, bare arrays (items 57-59)
import multiprocessing as mp
from multiprocessing import sharedctypes

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

if __name__ == '__main__':
    # item 57: an int gives a zero-filled array; anything else is taken by len() and its items
    for code, init in [('i', 4), ('i', 0), ('i', True), ('d', 3), ('c', 3), ('u', 2), ('Q', 2), ('i', -1),
                       ('i', [1, 2, 3]), ('d', (1, 2.5)), ('i', range(4)), ('i', (x for x in range(3))),
                       ('i', 'abc'), ('u', 'abc'), ('c', b'abc'), ('i', b'abc'), ('u', b'abc'), ('c', 'abc'),
                       ('c', [b'a', b'b']), ('c', [97, 98]), ('c', bytearray(b'xy')), ('b', [200, -129, 127]),
                       ('i', [1, 2.5]), ('i', [1, None]), ('i', None), ('i', 2.0), ('i', {3: 'a', 1: 'b'}),
                       ('Q', [2**64 - 1, 2**63]), ('f', [0.1, 1e40]), ('x', 3), ('i', [])]:
        show('Array(%r, %r)[:]' % (code, init), lambda: mp.Array(code, init)[:])
        show('RawArray(%r, %r)[:]' % (code, init), lambda: mp.RawArray(code, init)[:])
    a = mp.Array('i', range(8))
    print(type(a).__name__, len(a), list(a), [x for x in a], sum(a), 3 in a, 99 in a, list(reversed(a)))
    print(a[0], a[-1], a[-8], a[True])
    for key in [8, -9, 2**70, -2**70, 'x', 1.0, None]:
        show('a[%r]' % (key,), lambda: a[key])
    for s in [slice(None), slice(2, 5), slice(-3, None), slice(None, None, 2), slice(1, None, 3),
              slice(None, None, -1), slice(6, 1, -2), slice(100, 200), slice(-100, 2), slice(5, 2),
              slice(None, None, -3), slice(2**70, None), slice(None, -2**70), slice(None, None, 2**70),
              slice(None, None, -2**70), slice(-1, -9, -1), slice(7, None, -1), slice(None, None, 0),
              slice('a', None), slice(1.5, 3)]:
        show('a[%r]' % (s,), lambda: a[s])
    def assign(code, init, key, value):
        def f():
            b = mp.Array(code, init)
            b[key] = value
            return b[:]
        return f
    for key, value in [(slice(0, 2), [10, 11]), (slice(0, 2), (10, 11)), (slice(None, None, 3), [100, 101, 102]),
                       (slice(None, None, -1), list(range(8))), (slice(6, 1, -2), [9, 9, 9]),
                       (slice(0, 2), [1]), (slice(0, 2), [1, 2, 3]), (slice(None, None, 2), [1]),
                       (slice(0, 0), []), (slice(5, 2), []), (slice(0, 2), range(5, 7)), (slice(0, 2), 5),
                       (slice(0, 2), ['a', 'b']), (slice(0, 2), [1, 2.0]), (slice(0, 2), b'ab'),
                       (slice(0, 2), 'ab'), (slice(None, None, 0), [1]), (slice(0, 3), (x for x in range(3))),
                       (slice(0, 2), [2**40, -1]), (slice(10, 20), []), (slice(0, 2), {1: 2, 3: 4}),
                       (slice(0, 2), None), (0, 5), (-1, 5), (8, 5), (-9, 5), (0, 'x'), (0, 1.5), (0, 2**33),
                       ('a', 1), (1.0, 1), (2**70, 1), (True, 42)]:
        show('a[%r] = %r' % (key, value), assign('i', range(8), key, value))
    show('del a[0]', lambda: a.__delitem__(0))
    show('a.value', lambda: a.value)
    show('a.raw', lambda: a.raw)
    show('a + a', lambda: a + a)
    print('repr', repr(a))
    print('repr d', repr(mp.Array('d', [1.5])))
    print('get_obj', repr(a.get_obj()), type(a.get_obj()).__name__, a.get_obj()[:3], a.get_obj() is a.get_obj())
    a.get_obj()[0] = 77
    print('through get_obj', a[0])
    # item 58: 'c' arrays are SynchronizedString
    s = mp.Array('c', b'hello')
    print(type(s).__name__, isinstance(s, sharedctypes.SynchronizedArray), repr(s))
    print(s.value, s.raw, s[0], s[1:3], s[::-1], s[-1], len(s), list(s))
    s.value = b'hi'
    print('value = hi', s.value, s.raw)
    s.value = b'hello'
    print('value = hello (no room for NUL)', s.value, s.raw)
    show('value too long', lambda: setattr(s, 'value', b'hello!'))
    show('value str', lambda: setattr(s, 'value', 'hi'))
    show('value bytearray', lambda: setattr(s, 'value', bytearray(b'ab')))
    print(s.raw)
    s.raw = b'ab'
    print('raw = ab', s.value, s.raw)
    show('raw too long', lambda: setattr(s, 'raw', b'abcdefg'))
    show('raw str', lambda: setattr(s, 'raw', 'ab'))
    s[0] = b'Z'
    s[1] = 89
    s[2:4] = b'XW'
    print(s.raw)
    for key, value in [(0, 'x'), (0, b'xy'), (0, 256), (slice(0, 2), b'x'), (slice(0, 2), 'xy'),
                       (slice(0, 2), [b'p', b'q']), (slice(0, 2), [112, 113]), (9, b'a')]:
        show('s[%r] = %r' % (key, value), assign('c', b'hello', key, value))
    z = mp.Array('c', 4)
    print('zero c', z.value, z.raw, z[:])
    # 'u' arrays: str items and slices; the wrapper has no value, the bare array has
    w = mp.Array('u', 'ab\x00c')
    print(type(w).__name__, repr(w[:]), repr(w[0]), repr(w[1:]), len(w))
    show('SynchronizedArray u value', lambda: w.value)
    rw = mp.RawArray('u', 'ab\x00c')
    print('raw u value', repr(rw.value))
    rw.value = 'x'
    print('raw u value = x', repr(rw[:]), repr(rw.value))
    rw.value = 'wxyz'
    print('raw u value = wxyz', repr(rw[:]))
    show('raw u value too long', lambda: setattr(rw, 'value', 'vwxyz'))
    show('raw u value bytes', lambda: setattr(rw, 'value', b'a'))
    show('raw u raw', lambda: rw.raw)
    # item 59: bare arrays
    ra = mp.RawArray('i', 4)
    print(repr(ra), type(ra).__name__, ra[:], len(ra), hasattr(ra, 'get_lock'))
    show('RawArray get_lock', lambda: ra.get_lock())
    show('Array lock=False', lambda: type(mp.Array('d', 3, lock=False)).__name__)
    rc = mp.RawArray('c', b'ab\x00c')
    print(repr(rc), rc.value, rc.raw, rc[:])
    ra[1:3] = [5, 6]
    print(ra[:], ra[::-1])
    show('RawArray slice mismatch', lambda: ra.__setitem__(slice(0, 1), [1, 2]))
    show('RawArray index', lambda: ra[4])
    print('copy', sharedctypes.copy(ra)[:], type(sharedctypes.copy(ra)).__name__)
    big = mp.Array('Q', [2**64 - 1, 1])
    print('unsigned', big[:], big[0], list(big))
