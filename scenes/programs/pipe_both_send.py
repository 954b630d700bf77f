"""mpstage scene
title: Both ends send first: a Pipe deadlock
summary: Parent and child each send a message on a duplex Pipe and then receive the other's. That works while the messages fit in the pipe, because send() returns once the bytes are buffered. A message of a megabyte does not fit: send() waits for the other side to read, and the other side is waiting in its own send(). Letting one side receive first, or sending less, breaks the cycle.
tags: pipe, pitfall
difficulty: 3
look: Watch the bytes pile up in each direction of the pipe until both directions are full.
predict: Each side sends a megabyte, then receives. Small messages work this way; what happens with big ones?
why: A pipe is a buffer of a few hundred kilobytes in each direction, and send() only waits when the buffer is full. With a megabyte, both sides fill their direction and wait for the other to read, but the other is not reading: it is sending. Neither reaches recv(). Either one side must receive first, or messages must be small enough to be buffered whole, or the sending must happen on another thread.
param kib (Message size (KiB)): choice 1|16|64|1024|4096 = 1024 -- how much each side sends
param child_receives_first (Child receives first): bool = false -- the child receives the parent's message before it sends its own
variant: the child receives first | child_receives_first=true
variant: small messages: 16 KiB | kib=16
expect when child_receives_first=true: completes -- each side receives the other's message
expect when kib=1: completes -- each side receives the other's message
expect when kib=16: completes -- each side receives the other's message
expect when kib=64: completes -- each side receives the other's message
expect: hangs -- both processes wait in send() for the other to read, and neither ever gets to recv()
hang says: "send()", "neither ever gets to recv()"
prints when child_receives_first=true:
    child got 1048576 bytes
    parent got 1048576 bytes
prints when kib=16:
    child got 16384 bytes
    parent got 16384 bytes
"""
# A socketpair holds about 200 KiB in each direction (net.core.wmem_default); the sizes offered stay clear of
# that, so each either fits whole or is several times too big.
import multiprocessing

SIZE = int(kib) * 1024


def child(pipe):
    parent_conn, child_conn = pipe
    parent_conn.close()
    if not child_receives_first:
        child_conn.send_bytes(bytes(SIZE))
    data = child_conn.recv_bytes()
    if child_receives_first:
        child_conn.send_bytes(bytes(SIZE))
    print('child got', len(data), 'bytes')


if __name__ == '__main__':
    parent_conn, child_conn = multiprocessing.Pipe()
    p = multiprocessing.Process(target=child, args=((parent_conn, child_conn),))
    p.start()
    child_conn.close()
    parent_conn.send_bytes(bytes(SIZE))
    data = parent_conn.recv_bytes()
    p.join()
    print('parent got', len(data), 'bytes')
