# SharedMemory across processes: attach in a child, pickled through a Pipe and a Queue, unlink in a child, what the resource tracker leaves (items 84, 86, 87, 88)
import multiprocessing as mp
from multiprocessing.shared_memory import SharedMemory

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)), getattr(e, 'errno', None))

def attach_and_write(name, text):
    shm = SharedMemory(name)
    shm.buf[:len(text)] = text
    print('child attached', shm.size, flush=True)
    shm.close()

def from_pipe(conn):
    shm = conn.recv()
    print('child got', type(shm).__name__, shm.size, bytes(shm.buf[:5]), flush=True)
    shm.buf[5:10] = b'PIPE!'
    conn.send(bytes(shm.buf[:10]))
    shm.close()

def from_queue(q, out):
    shm = q.get()
    shm.buf[0] = shm.buf[0] + 1
    out.put((shm.size, shm.buf[0]))
    shm.close()

def unlink_in_child(name):
    shm = SharedMemory(name)
    shm.unlink()
    shm.close()

def create_and_forget(q):
    shm = SharedMemory(create=True, size=24)  # the parent's tracker is this child's too: the block outlives it
    shm.buf[:4] = b'kept'
    q.put(shm.name)
    shm.close()

def attach_and_leave(name):
    shm = SharedMemory(name)  # forked: shares the parent's tracker, so leaving does not destroy the block
    shm.buf[0] = 42

if __name__ == '__main__':
    shm = SharedMemory(create=True, size=64)
    p = mp.Process(target=attach_and_write, args=(shm.name, b'hello'))
    p.start(); p.join()
    print('parent sees', bytes(shm.buf[:5]), p.exitcode)
    # item 88: through a Pipe (pickled as name, False, size; attached again on the other side)
    here, there = mp.Pipe()
    p = mp.Process(target=from_pipe, args=(there,))
    p.start()
    here.send(shm)
    print('reply', here.recv())
    p.join()
    print('parent sees', bytes(shm.buf[:10]))
    q, out = mp.Queue(), mp.Queue()
    p = mp.Process(target=from_queue, args=(q, out))
    p.start()
    q.put(shm)
    print('through a Queue', out.get())
    p.join()
    # item 87: a forked child that attaches and exits without close() leaves the block alone
    p = mp.Process(target=attach_and_leave, args=(shm.name,))
    p.start(); p.join()
    again = SharedMemory(shm.name)
    print('still there', again.size, again.buf[0], p.exitcode)
    again.close()
    # item 87: a block a child creates (after the parent's tracker started) and forgets stays until unlinked
    names = mp.Queue()
    p = mp.Process(target=create_and_forget, args=(names,))
    p.start()
    name = names.get()
    p.join()
    kept = SharedMemory(name)
    print('the child\'s block', kept.size, bytes(kept.buf[:4]), p.exitcode)
    kept.close()
    kept.unlink()
    # item 86: a child unlinks; the parent's mapping stays, a new attach fails, and unlink here fails
    p = mp.Process(target=unlink_in_child, args=(shm.name,))
    p.start(); p.join()
    show('attach after the child unlinked', lambda: SharedMemory(shm.name))
    print('mapping still valid', bytes(shm.buf[:10]))
    show('unlink after the child unlinked', shm.unlink)
    shm.close()
    # pickled after unlink: the other side cannot attach
    gone = SharedMemory(create=True, size=16)
    gone.unlink()
    there.send(gone)
    show('receive an unlinked block', here.recv)
    gone.close()
    # children each make their own block and unlink it
    blocks = [SharedMemory(create=True, size=n) for n in (1, 10, 100)]
    print('sizes', [b.size for b in blocks], len({b.name for b in blocks}))
    for b in blocks:
        b.close()
        b.unlink()
