# Value / RawValue: typecodes and ctypes types, zero fill, ctypes' conversion rules and errors (items 50-52, 59)
import ctypes
import multiprocessing as mp
from multiprocessing import sharedctypes

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

if __name__ == '__main__':
    print(sorted(sharedctypes.typecode_to_type), sharedctypes.typecode_to_type['i'] is ctypes.c_int)
    print(sharedctypes.__all__)
    # item 50: every typecode, its ctypes type, and item 51: the zero-filled default
    for code in 'cubBhHiIlLqQfd':
        v = mp.Value(code)
        rv = mp.RawValue(code)
        print(code, repr(v), repr(v.value), type(v.get_obj()).__name__, repr(rv), type(rv).__name__)
    # a ctypes type instead of a typecode
    for t, init in [(ctypes.c_int, 7), (ctypes.c_double, 1.5), (ctypes.c_char, b'x'), (ctypes.c_wchar, 'y'),
                    (ctypes.c_int32, -3), (ctypes.c_int64, 2**40), (ctypes.c_uint8, 300), (ctypes.c_size_t, -1),
                    (ctypes.c_longlong, 5), (ctypes.c_ushort, 65536 + 9), (ctypes.c_float, 0.5)]:
        show('Value(%s, %r)' % (t.__name__, init), lambda: mp.Value(t, init))
        show('RawValue(%s, %r)' % (t.__name__, init), lambda: mp.RawValue(t, init))
    for bad in ['x', 'xy', '', 5, None, 'ii', [1]]:
        show('Value(%r)' % (bad,), lambda: mp.Value(bad))
        show('RawValue(%r)' % (bad,), lambda: mp.RawValue(bad))
    show('two initial values', lambda: mp.Value('i', 1, 2))
    show('two initial values, RawValue', lambda: mp.RawValue('i', 1, 2))
    # item 52: integers wrap or truncate silently; wrong types raise ctypes' TypeError
    for code, init in [('b', 200), ('b', -129), ('B', 256), ('B', -1), ('h', 32768), ('H', -1), ('h', 70000),
                       ('i', 2**40), ('i', 2**31), ('i', -2**31 - 1), ('I', -1), ('I', 2**32 + 5), ('l', 2**63),
                       ('L', -1), ('L', 2**64 - 1), ('q', -2**63 - 1), ('q', 2**100 + 3), ('Q', -1), ('Q', 2**64),
                       ('Q', 2**63), ('i', True), ('i', False), ('d', 3), ('d', True), ('f', 0.1), ('f', 1e40),
                       ('f', -1e40), ('d', 1e308 * 10), ('f', 3), ('d', 2**53 + 1), ('i', 3.5), ('i', '7'),
                       ('i', None), ('i', 1 + 2j), ('i', [1]), ('b', ctypes.c_int(5)), ('d', '1.0'), ('d', None),
                       ('d', 2**1100), ('d', 1j), ('c', b'a'), ('c', 97), ('c', 0), ('c', 255), ('c', 256),
                       ('c', -1), ('c', 'a'), ('c', b'ab'), ('c', b''), ('c', bytearray(b'x')), ('c', True),
                       ('u', 'z'), ('u', '\u00e9'), ('u', '\U0001f600'), ('u', b'a'), ('u', 'ab'), ('u', ''),
                       ('u', 65), ('u', None)]:
        show('Value(%r, %r).value' % (code, init), lambda: mp.Value(code, init).value)
        show('RawValue(%r, %r).value' % (code, init), lambda: mp.RawValue(code, init).value)
    # the same rules when .value is set
    for code, values in [('b', [127, 128, 255, 256, -200, 2**100, True, 'a', 1.5, None]),
                         ('Q', [2**64 - 1, -2, 2**63]),
                         ('d', [1, True, 2**60, '2', None, 2**1100, 0.25]),
                         ('f', [0.1, 1e39, 16777217]),
                         ('c', [b'z', 65, 'z', b'zz', b'', bytearray(b'q'), 300]),
                         ('u', ['q', 'qq', b'q', 7])]:
        for lock in (True, False):
            v = mp.Value(code, lock=lock)
            for x in values:
                def put():
                    v.value = x
                    return v.value
                show('%s lock=%s: value = %r' % (code, lock, x), put)
    v = mp.Value('i', 5)
    v.value += 1
    v.value -= 10
    v.value *= 3
    print('arithmetic', v.value)
    d = mp.Value('d', 1)
    d.value += 0.5
    d.value /= 2
    print('float arithmetic', d.value)
    s = mp.Value('u', 'a')
    show('str += on u', lambda: setattr(s, 'value', s.value + 'b'))
    show('del Value.value', lambda: delattr(mp.Value('i'), 'value'))
    show('del RawValue.value', lambda: delattr(mp.RawValue('i'), 'value'))
    # ctypes.c_bool, which has no typecode of multiprocessing's: the truth of any object
    for init in [(), (True,), (False,), (0,), (5,), ('',), ('x',), (None,), ([],), ([0],), (0.0,), (2.5,), (b'',)]:
        show('Value(c_bool, *%r)' % (init,), lambda: (mp.Value(ctypes.c_bool, *init).value,
                                                      repr(mp.Value(ctypes.c_bool, *init))))
        show('RawValue(c_bool, *%r)' % (init,), lambda: (mp.RawValue(ctypes.c_bool, *init).value,
                                                         repr(mp.RawValue(ctypes.c_bool, *init))))
    flag = mp.Value(ctypes.c_bool, False)
    flag.value = 7
    print('c_bool', flag.value, repr(flag.get_obj()), type(flag.get_obj()).__name__)
    flag.value += 1
    flag.value = not flag.value
    print('c_bool flipped', flag.value, bool(mp.RawValue(ctypes.c_bool)))
    flags = mp.Array(ctypes.c_bool, [1, 0, 'x', None])
    flags[1:3] = [5, '']
    print('c_bool array', flags[:], type(flags.get_obj()).__name__)
    show("Value('?')", lambda: mp.Value('?'))
    # item 59: the bare objects
    rv = mp.RawValue('h', 7)
    print(repr(rv), str(rv), type(rv).__name__, rv.value, hasattr(rv, 'get_lock'), hasattr(rv, 'get_obj'))
    for name in ['get_lock', 'get_obj', 'acquire', 'release']:
        show('RawValue.' + name, lambda: getattr(rv, name))
        show('Value(lock=False).' + name, lambda: getattr(mp.Value('d', lock=False), name))
    rv.value = 40000
    print('RawValue wraps', rv.value, repr(rv))
    big = mp.RawValue('Q', 2**64 - 1)
    print('unsigned', big.value, repr(big))
    print('bool of raw', bool(mp.RawValue('i', 0)), bool(mp.RawValue('i', 3)))
    print('sharedctypes.copy', repr(sharedctypes.copy(mp.RawValue('i', 4))), repr(sharedctypes.copy(rv)))
