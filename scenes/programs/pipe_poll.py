"""mpstage scene
title: Is there anything to read? Connection.poll()
summary: poll() answers at once, poll(timeout) waits up to timeout seconds, poll(None) waits until something arrives.
tags: pipe
difficulty: 1
look: The pipe between the two processes and the receiver's poll() answers.
predict: What does poll() say before the sender has sent, and what does poll(1.0) say?
why: poll() asks the pipe whether a message is ready: it never reads. With a timeout it waits at most that long and says False if nothing came; the message stays in the pipe until recv().
param delay: float 0..2 = 0.3 -- how long the sender waits before it sends
expect: completes -- poll() says False at first, poll(1.0) True once the message arrives
"""
import multiprocessing as mp
import time


def sender(conn, delay):
    time.sleep(delay)
    conn.send('hello')
    conn.close()


if __name__ == '__main__':
    receiver, sender_end = mp.Pipe(duplex=False)
    p = mp.Process(target=sender, args=(sender_end, delay))
    p.start()
    sender_end.close()
    print('poll() at once:', receiver.poll())
    print('poll(1.0):', receiver.poll(1.0))
    print('poll() again (the message is still there):', receiver.poll())
    print('recv():', receiver.recv())
    p.join()
