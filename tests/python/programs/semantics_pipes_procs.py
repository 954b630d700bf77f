# Pipes across fork (items 35, 45, 46, 47, 49, 89): children inherit every pipe end, so EOF needs every copy
# of the write end closed in every process; messages sent before are delivered first; the classic hang and
# how closing the reader's own copy of the write end ends it; writing with no reader left; sending
# synchronisation primitives through send(); 16 MiB between processes.
import hashlib
import multiprocessing as mp
import time
from multiprocessing import shared_memory

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)), e.args)

def writer(w, items):
    for item in items:
        w.send(item)
    w.close()

def holder(go):
    go.wait()  # holds inherited copies of every pipe end open at fork until told to go

def reader(r, done):
    done.send(('child got', r.recv_bytes()))
    done.send(('child sees flags', r.readable, r.writable))

def duplex_child(end):
    end.send('hello from the duplex child')
    print('child recv', end.recv(), flush=True)
    end.close()

def big(w):
    data = bytes(range(256)) * (16 * 4096)  # 16 MiB
    w.send_bytes(data)
    w.send(hashlib.sha256(data).hexdigest())

def attach(r):
    shm = r.recv()
    print('child attached', type(shm).__name__, bytes(shm.buf[:5]), flush=True)
    shm.close()

if __name__ == '__main__':
    # EOF once every copy of the write end is closed; the messages sent before come first; EOF again after
    r, w = mp.Pipe(duplex=False)
    p = mp.Process(target=writer, args=(w, ['one', [2], {'three': 3}]))
    p.start()
    w.close()
    print('received', r.recv(), r.recv(), r.recv())
    show('then', r.recv)
    show('and again', r.recv)
    show('recv_bytes too', r.recv_bytes)
    show('poll at EOF', r.poll)
    p.join()
    r.close()
    # the classic hang: the reader still holds its own copy of the write end
    r, w = mp.Pipe(duplex=False)
    p = mp.Process(target=writer, args=(w, ['only message']))
    p.start()
    print('received', r.recv())
    p.join()
    print('writer exited', p.exitcode, '- poll(0.3) with our copy of the write end open:', r.poll(0.3))
    w.close()
    print('after closing our copy: poll', r.poll(), 'poll(None)', r.poll(None))
    show('recv', r.recv)
    r.close()
    # item 89: a child inherits every end open at fork, even ends it was not given
    r, w = mp.Pipe(duplex=False)
    go = mp.Event()
    p = mp.Process(target=holder, args=(go,))
    p.start()
    w.close()
    print('parent closed its write end; a child that was not given it still holds a copy: poll(0.3)', r.poll(0.3))
    go.set()
    p.join()
    print('after that child exits: poll', r.poll(1), end=' ')
    show('recv', r.recv)
    r.close()
    # duplex ends across fork
    a, b = mp.Pipe()
    p = mp.Process(target=duplex_child, args=(b,))
    p.start()
    b.close()
    print('parent recv', a.recv())
    a.send('hello from the parent')
    p.join()
    show('duplex EOF after the child closed its end', a.recv)
    show('duplex poll', a.poll)
    a.close()
    # writing with no reader: the data is buffered while any process holds a read end
    r, w = mp.Pipe(duplex=False)
    back_r, back_w = mp.Pipe(duplex=False)
    p = mp.Process(target=reader, args=(r, back_w))
    p.start()
    r.close(); back_w.close()
    show('send_bytes while the child holds the read end', lambda: w.send_bytes(b'buffered'))
    print(*back_r.recv()); print(*back_r.recv())
    p.join()
    show('send_bytes after every read end is closed', lambda: w.send_bytes(b'lost'))
    show('send after every read end is closed', lambda: w.send([1, 2, 3]))
    try:
        w.send_bytes(b'x' * 100000)
    except BrokenPipeError as e:
        print('a big send too: BrokenPipeError', e.errno, e.strerror, isinstance(e, OSError))
    print('closed after BrokenPipeError:', w.closed)
    w.close(); back_r.close()
    a, b = mp.Pipe()
    b.close()
    show('duplex send to a closed peer', lambda: a.send('x'))
    a.close()
    # synchronisation primitives go by inheritance only; SharedMemory pickles by name
    a, b = mp.Pipe()
    for name, make in [('Lock', mp.Lock), ('RLock', mp.RLock), ('Semaphore', mp.Semaphore),
                       ('BoundedSemaphore', mp.BoundedSemaphore), ('Condition', mp.Condition), ('Event', mp.Event),
                       ('Barrier', lambda: mp.Barrier(2)), ('Queue', mp.Queue), ('JoinableQueue', mp.JoinableQueue),
                       ('SimpleQueue', mp.SimpleQueue), ('Value', lambda: mp.Value('i', 1)),
                       ('Array', lambda: mp.Array('i', 3)), ('Value lock=False', lambda: mp.Value('i', 1, lock=False)),
                       ('list holding a Lock', lambda: [1, mp.Lock()])]:
        obj = make()
        show('send ' + name, lambda: a.send(obj))
    show('nothing was written', b.poll)
    shm = shared_memory.SharedMemory(create=True, size=16)
    shm.buf[:5] = b'hello'
    r, w = mp.Pipe(duplex=False)
    p = mp.Process(target=attach, args=(r,))
    p.start()
    w.send(shm)
    p.join()
    shm.close(); shm.unlink()
    a.close(); b.close(); r.close(); w.close()
    # 16 MiB between processes
    r, w = mp.Pipe(duplex=False)
    p = mp.Process(target=big, args=(w,))
    p.start()
    w.close()
    data = r.recv_bytes()
    print('16 MiB', len(data), hashlib.sha256(data).hexdigest() == r.recv())
    p.join()
    show('then', r.recv_bytes)
