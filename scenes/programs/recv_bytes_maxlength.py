"""mpstage scene
title: recv_bytes(maxlength): a message too long breaks the connection
summary: recv_bytes(maxlength) refuses a message longer than maxlength with OSError('bad message length'). It has read the message's length but not the message, so whatever it read next would be the middle of that message: the connection cannot be read any more. A read-only end is closed (the next recv_bytes() says 'handle is closed'); a duplex end can still send but not receive ('connection is write-only'). The shorter message queued behind is lost with it.
tags: pipe, pitfall, seed
difficulty: 2
look: Watch the two messages waiting in the pipe, and what happens to the second one after the first is refused.
predict: The first message is 100 bytes and maxlength is 10. What does recv_bytes() do? And can the receiver still read the 'hello' behind it?
why: Each message travels as a length and then the bytes. recv_bytes() reads the length, sees 100 > 10 and stops there, leaving the 100 bytes in the pipe. Reading on would take those bytes for the next length, so Python makes the end unreadable instead: it closes a read-only end, and makes a duplex end write-only. The 'hello' is still in the pipe, but nothing can read it any more.
param length (Message length): int 1..10000 = 100 -- how many bytes the first message holds
param maxlength (maxlength): int 1..10000 = 10 -- the most recv_bytes() will accept
param duplex (Duplex pipe): bool = false -- Pipe() instead of Pipe(duplex=False)
variant: maxlength big enough | maxlength=100
variant: a duplex pipe: the end becomes write-only | duplex=true
expect: completes -- recv_bytes() raises OSError('bad message length') when the message is longer than maxlength, and the next one raises OSError too
prints:
    OSError: bad message length
    the next recv_bytes() raised OSError: handle is closed
prints when maxlength=100:
    got 100 bytes
    next message: b'hello'
prints when duplex=true:
    OSError: bad message length
    the next recv_bytes() raised OSError: connection is write-only
"""
import multiprocessing


def receiver(conn):
    try:
        message = conn.recv_bytes(maxlength=maxlength)
        print('got', len(message), 'bytes')
    except OSError as e:
        print('OSError:', e)
    try:
        print('next message:', conn.recv_bytes())
    except OSError as e:
        print('the next recv_bytes() raised OSError:', e)


if __name__ == '__main__':
    if duplex:
        reader, writer = multiprocessing.Pipe()
    else:
        reader, writer = multiprocessing.Pipe(duplex=False)
    writer.send_bytes(b'x' * length)
    writer.send_bytes(b'hello')
    p = multiprocessing.Process(target=receiver, args=(reader,))
    p.start()
    p.join()
