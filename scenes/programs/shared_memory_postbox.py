"""mpstage scene
title: SharedMemory as a postbox
summary: A SharedMemory block is raw bytes with a name. The parent creates one, a writer process attaches by name and leaves a message in it (its length in the first byte, then the bytes), and a reader process attaches by the same name and reads it out. Closing detaches a process; only unlink() removes the name. Forget it and the block outlives its use, until Python's resource tracker removes it at shutdown with a warning about leaked shared_memory objects.
tags: shared memory, seed
difficulty: 2
look: Watch the block and the console: the stage knows the block's name, size and creator, but not its bytes, which no call reports; the writer's message still reaches the reader, with no message sent between them.
predict: The writer has exited before the reader starts. Is the message still there? And after unlink(), can anyone attach again?
why: The bytes live in the block, not in any process, so they outlast the writer. Nothing tells the reader what the bytes mean: the two processes agreed on a layout, a length byte and then the message. close() only unmaps the block from one process; unlink() removes its name, so nobody new can attach, and the memory goes once the last mapping is closed.
param size (Block size (bytes)): int 32..4096 = 64 -- how big a block the parent creates
param unlink (Unlink at the end): bool = true -- the parent calls box.unlink() when the postbox is no longer needed
variant: forget unlink() | unlink=false
expect when unlink=false: completes -- the reader prints the writer's message, and at exit the forgotten block is removed with a warning about a leaked shared_memory object
expect: completes -- the reader prints the writer's message, and after unlink() the name is gone
prints:
    reader got b'Hello from the writer'
    the postbox had 64 bytes
    after unlink(), attaching by name raises FileNotFoundError
prints when unlink=false:
    reader got b'Hello from the writer'
    the postbox had 64 bytes
prints by MainProcess when unlink=false:
    the postbox had 64 bytes
    ...leaked shared_memory...
    ...warnings.warn(...
prints by Process-2 when unlink=false: reader got b'Hello from the writer'
"""
from multiprocessing import Process, shared_memory


def writer(name, message):
    box = shared_memory.SharedMemory(name)
    box.buf[0] = len(message)  # the first byte says how long the message is
    box.buf[1:1 + len(message)] = message
    box.close()


def reader(name):
    box = shared_memory.SharedMemory(name)
    size = box.buf[0]
    message = bytes(box.buf[1:1 + size])
    box.close()
    print('reader got', message)


if __name__ == '__main__':
    box = shared_memory.SharedMemory(create=True, size=globals()['size'])
    w = Process(target=writer, args=(box.name, b'Hello from the writer'))
    w.start()
    w.join()
    r = Process(target=reader, args=(box.name,))
    r.start()
    r.join()
    print('the postbox had', box.size, 'bytes')
    box.close()
    if unlink:
        box.unlink()  # the name goes; nobody can attach any more
        try:
            shared_memory.SharedMemory(box.name)
        except FileNotFoundError:
            print('after unlink(), attaching by name raises FileNotFoundError')
