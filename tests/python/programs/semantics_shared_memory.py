# SharedMemory in one process: validation order and words, names, sizes, attach, buf, close/unlink, BufferError, pickling (items 81-86, 88)
import errno
import os
import pickle
import ctypes
from multiprocessing import shared_memory
from multiprocessing.shared_memory import SharedMemory

NAME = 'mpstage_semantics_shared_memory'

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)), getattr(e, 'errno', None), getattr(e, 'filename', None))

if __name__ == '__main__':
    # item 81: the checks, in CPython's order
    show('size -1', lambda: SharedMemory(size=-1))
    show('size -1, create', lambda: SharedMemory(create=True, size=-1))
    show('size -5, named', lambda: SharedMemory(NAME, size=-5))
    show('size -1, no name, no create', lambda: SharedMemory(None, False, -1))
    show('create, default size', lambda: SharedMemory(create=True))
    show('create, size 0, named', lambda: SharedMemory(NAME, create=True, size=0))
    show('no name', lambda: SharedMemory())
    show('no name, size 10', lambda: SharedMemory(size=10))
    show('size str', lambda: SharedMemory(create=True, size='x'))
    show('size None', lambda: SharedMemory(create=True, size=None))
    show('name int', lambda: SharedMemory(123))
    show('name int, create', lambda: SharedMemory(123, create=True, size=1))
    show('name bytes', lambda: SharedMemory(b'abc'))
    show('unknown keyword', lambda: SharedMemory(nme='x'))
    show('too many arguments', lambda: SharedMemory('a', True, 1, 2))
    # item 84: attaching to a missing block
    show('missing', lambda: SharedMemory('mpstage_semantics_missing'))
    show('missing, size given', lambda: SharedMemory('mpstage_semantics_missing', False, 100))
    show('missing, leading slash', lambda: SharedMemory('/mpstage_semantics_missing'))
    show('name with a slash', lambda: SharedMemory('mpstage_semantics_a/b', create=True, size=1))
    # item 82/83: automatic names, exact sizes, zeros, the memoryview
    s = SharedMemory(create=True, size=1)
    print(s.size, len(s.buf), bytes(s.buf), type(s.buf).__name__, s.buf.readonly, s.buf.format, s.buf.itemsize,
          s.buf.nbytes, s.buf.ndim, s.buf.shape, s.buf.contiguous)
    print(s.buf is s.buf, repr(s), s.name[:4], len(s.name), s.name.startswith('/'), len(s.name) + 1 <= 14)
    print('in /dev/shm', os.path.exists('/dev/shm/' + s.name), oct(os.stat('/dev/shm/' + s.name).st_mode & 0o777))
    s.close()
    s.unlink()
    print('unlinked', os.path.exists('/dev/shm/' + s.name))
    names = set()
    for n in [4097, 4096, 100000, 1, 3]:
        t = SharedMemory(create=True, size=n)
        names.add(t.name)
        print('size', n, t.size, len(t.buf), t.buf[n - 1], sum(t.buf))
        t.close()
        t.unlink()
    print('distinct names', len(names))
    # item 83: an existing name
    a = SharedMemory(NAME, create=True, size=10)
    print(a.name, repr(a), a.size)
    show('create existing', lambda: SharedMemory(NAME, create=True, size=10))
    show('create existing, leading slash', lambda: SharedMemory('/' + NAME, create=True, size=10))
    # item 84: attach, the size argument is ignored, writes are shared
    b = SharedMemory(NAME)
    c = SharedMemory(NAME, size=999)
    d = SharedMemory(NAME, False, 1)
    print('attach', b.name, b.size, repr(b), c.size, d.size, len(c.buf))
    a.buf[0] = 65
    a.buf[1:4] = b'xyz'
    print(bytes(b.buf), b.buf[0], bytes(c.buf[1:4]), d.buf.tobytes())
    show('buf index out of range', lambda: a.buf.__setitem__(10, 1))
    show('buf slice too big', lambda: a.buf.__setitem__(slice(0, 2), b'abc'))
    show('buf value 256', lambda: a.buf.__setitem__(0, 256))
    show('buf del', lambda: a.buf.__delitem__(0))
    ints = a.buf[:8].cast('i')
    ints[1] = -2
    print('cast', list(ints), bytes(b.buf[4:8]))
    ints.release()
    # item 85: close() with slices alive raises BufferError; buf reads None after; closing again is fine
    sl = b.buf[2:5]
    show('close with a slice alive', b.close)
    print('buf after the failed close', b.buf)
    print('the slice still reads', bytes(sl))
    show('close again with the slice', b.close)
    sl.release()
    show('close after the slice is released', b.close)
    show('close a third time', b.close)
    print('after close', b.buf, b.size, b.name, repr(b))
    mv = memoryview(c.buf)
    show('close with a memoryview of buf', c.close)
    del mv
    show('close after del', c.close)
    arr = (ctypes.c_char * 4).from_buffer(d.buf)
    show('close with a ctypes view of buf', d.close)
    print('buf is kept', d.buf is not None)
    del arr
    show('close after the ctypes view went', d.close)
    h = a.buf.cast('H')
    show('close with a cast', a.close)
    h.release()
    show('close a', a.close)
    # item 86: unlink() twice; mappings stay valid, new attaches fail
    e = SharedMemory(NAME)
    show('unlink', e.unlink)
    show('unlink again', e.unlink)
    e.buf[0] = 66
    print('mapping after unlink', bytes(e.buf[:2]))
    show('attach after unlink', lambda: SharedMemory(NAME))
    e.close()
    show('unlink after close', e.unlink)
    f = SharedMemory(create=True, size=8)
    f.close()
    show('buf after close', lambda: f.buf)
    g = SharedMemory(f.name)
    print('attach after the creator closed', g.size, bytes(g.buf))
    g.close()
    f.unlink()
    # item 88: pickling
    f = SharedMemory(create=True, size=32)
    data = pickle.dumps(f)
    g = pickle.loads(data)
    red = f.__reduce__()
    print('pickled', g.name == f.name, g.size, type(g).__name__, red[0] is SharedMemory, red[1][1:])
    f.buf[:3] = b'abc'
    print('shared through the copy', bytes(g.buf[:3]))
    g.close()
    f.close()
    f.unlink()
    show('unpickle after unlink', lambda: pickle.loads(data))
    print('module', SharedMemory.__module__, SharedMemory.__name__, SharedMemory.__qualname__, shared_memory.__all__)
    class Sub(SharedMemory):
        pass
    k = Sub(create=True, size=5)
    print(repr(k).startswith("Sub('psm_"), repr(k).endswith("size=5)"), type(pickle.loads(pickle.dumps(k))).__name__,
          isinstance(k, SharedMemory))
    k.close()
    k.unlink()
    print('errno names', errno.errorcode[2], errno.errorcode[17])
    # item 87: a block nobody unlinks is removed at shutdown, with the resource tracker's warning on stderr
    forgotten = SharedMemory(create=True, size=16)
    forgotten.close()
    print('forgotten', forgotten.size)
