"""mpstage scene
title: Sending part of a buffer: send_bytes(buf, offset, size)
summary: send_bytes sends buf[offset:offset+size]; offsets and sizes outside the buffer raise ValueError before anything is sent.
tags: pipe
difficulty: 1
look: What leaves the sender and what the receiver gets.
predict: What does send_bytes(b'hello world', 6) deliver?
why: offset and size are in bytes of the buffer; the receiver gets exactly that slice as one message. A bad offset or size is refused by the sender: nothing reaches the pipe.
param offset: int 0..20 = 6 -- where the part starts
param size: int 0..20 = 5 -- how many bytes to send
variant: An offset past the end | offset=12
expect when offset=12: completes -- ValueError: buffer length < offset, nothing sent
expect: completes -- the receiver gets the slice
"""
import multiprocessing as mp

if __name__ == '__main__':
    a, b = mp.Pipe()
    data = b'hello world'
    try:
        b.send_bytes(data, offset, size)
        print('received', a.recv_bytes())
    except ValueError as e:
        print('ValueError:', e, '- nothing was sent:', not a.poll())
