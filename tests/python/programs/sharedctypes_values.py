# Value / Array / RawValue / RawArray: typecodes, ctypes rules, lock argument, slices, 'c' arrays (items 50-60)
import ctypes
import multiprocessing as mp

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

def add(v, a, n):
    for _ in range(n):
        with v.get_lock():
            v.value += 1
    for i in range(len(a)):
        a[i] = a[i] * 2

if __name__ == '__main__':
    for code, init in [('i', 7), ('d', 2.5), ('b', 200), ('B', -1), ('h', 70000), ('I', -1), ('q', 2**63 - 1),
                       ('l', 5), ('f', 0.1), ('c', b'a'), ('u', 'z')]:
        v = mp.Value(code, init)
        print(code, repr(v.value))
    print(repr(mp.Value('i', 5)))
    print(repr(mp.Value(ctypes.c_double, 1.5).value))
    show('Value i from str', lambda: mp.Value('i', 'x'))
    show('int into d', lambda: mp.Value('d', 3).value)
    v = mp.Value('i', 0, lock=False)
    print('lock=False', repr(v), hasattr(v, 'get_lock'))
    rv = mp.RawValue('i', 3)
    print('RawValue', repr(rv), rv.value)
    shared = mp.Lock()
    v1 = mp.Value('i', 0, lock=shared)
    print('shared lock', v1.get_lock() is not None)
    v = mp.Value('i', 0)
    a = mp.Array('i', range(5))
    procs = [mp.Process(target=add, args=(v, a, 500)) for _ in range(1)]
    for p in procs: p.start()
    for p in procs: p.join()
    print('value', v.value, 'array', a[:])
    arr = mp.Array('i', [0, 1, 2, 3, 4, 5, 6, 7])
    print(len(arr), arr[2], arr[-1], arr[1:4], arr[::2], arr[1:6:2], arr[::-1], arr[-3:])
    arr[0:2] = [10, 11]
    arr[::3] = [100, 101, 102]
    print(arr[:])
    show('slice length mismatch', lambda: arr.__setitem__(slice(0, 2), [1]))
    show('stepped length mismatch', lambda: arr.__setitem__(slice(None, None, 2), [1]))
    show('index out of range', lambda: arr[8])
    z = mp.Array('d', 3)
    print(z[:])
    s = mp.Array('c', b'hello')
    print(s.value, s.raw, s[0], s[1:3])
    s.value = b'hi'
    print(s.value, s.raw)
    ra = mp.RawArray('i', 4)
    print(ra[:], len(ra))
    show('pickle a Value', lambda: __import__('pickle').dumps(mp.Value('i')))
