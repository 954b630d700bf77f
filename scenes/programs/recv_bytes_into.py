"""mpstage scene
title: A buffer too short: recv_bytes_into()
summary: recv_bytes_into() writes a message into your buffer at an offset; when it does not fit, BufferTooShort carries the whole message.
tags: pipe
difficulty: 2
look: The message in the pipe and the receiver's buffer.
predict: The buffer has room for `size` bytes: what happens with a 10-byte message?
why: recv_bytes_into(buf, offset) needs room for the whole message after offset. If there is not enough, the message is still read (it left the pipe) and BufferTooShort's argument holds all of it.
param size: int 1..32 = 4 -- how many bytes the receiver's buffer holds
variant: A buffer big enough | size=16
expect: completes -- BufferTooShort when the buffer is shorter than the message, the bytes copied otherwise
"""
import multiprocessing as mp

if __name__ == '__main__':
    a, b = mp.Pipe()
    b.send_bytes(b'0123456789')
    buf = bytearray(size)
    try:
        n = a.recv_bytes_into(buf)
        print('copied', n, 'bytes:', bytes(buf))
    except mp.BufferTooShort as e:
        print('BufferTooShort: the whole message is in the exception:', e.args[0])
