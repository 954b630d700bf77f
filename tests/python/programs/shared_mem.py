# SharedMemory: validation, create/attach, buf, close, unlink (items 81-88)
import multiprocessing as mp
from multiprocessing import shared_memory

def show(what, f):
    try:
        print(what, '->', repr(f()))
    except Exception as e:
        print(what, 'raises', type(e).__name__, repr(str(e)))

def writer(name):
    shm = shared_memory.SharedMemory(name)
    shm.buf[:5] = b'hello'
    shm.close()

if __name__ == '__main__':
    show('negative size', lambda: shared_memory.SharedMemory(create=True, size=-1))
    show('create size 0', lambda: shared_memory.SharedMemory(create=True, size=0))
    show('attach missing', lambda: shared_memory.SharedMemory('mpstage_test_missing_block'))
    shm = shared_memory.SharedMemory(create=True, size=16)
    print('name length', len(shm.name) <= 14, shm.name.startswith('psm_'), 'size', shm.size)
    p = mp.Process(target=writer, args=(shm.name,))
    p.start(); p.join()
    print(bytes(shm.buf[:5]), len(shm.buf))
    show('create existing', lambda: shared_memory.SharedMemory(shm.name, create=True, size=16))
    shm.close(); shm.close()
    shm.unlink()
    show('second unlink', shm.unlink)
