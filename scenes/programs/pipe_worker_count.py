"""mpstage scene
title: A worker sends its count through a Pipe
summary: A worker process counts to N and sends the result through a Pipe; the parent joins the worker and then receives. Joining first works here because the result is one small int, which the pipe holds while nobody reads. Send a big result instead and the worker cannot finish its send() until someone reads, while the parent waits in join() for the worker to finish: a deadlock.
tags: pipe, seed
difficulty: 1
look: Watch the worker send its result into the pipe and end, while the result waits in the pipe for the parent.
predict: The parent joins the worker before it receives. Does that matter? What if the result were half a megabyte?
why: send() returns as soon as the bytes are in the pipe, not when someone has read them, so a small result waits there while the worker exits and the parent's join() returns. A pipe holds a limited amount, though: a big result fills it, send() waits for a reader to make room, and the only reader is waiting in join() for the sender to finish. Receive first, then join.
param count (Count to): int 1..100000000 = 1000000 -- how far the worker counts (baseNum)
param big (Send a big result): bool = false -- send a list of 300000 copies of the count instead of the count
variant: a big result: join() before recv() deadlocks | big=true
expect when big=true: hangs -- the worker waits in send() for a reader, the parent waits in join() for the worker
expect: completes -- the parent prints the worker's count after join()
hang says: "send()", "join()"
prints by MainProcess:
    Parent process id: ...
    --- ... seconds ---
    Main-processing total count: 1000000
    Main-processing done.
prints by 1:
    Process ID: ..., Process Name: 1
    Result: 1000000
"""
# The pids and the time vary; the rest is fixed. 300000 copies are at least 300 KB pickled, whatever the count:
# more than a socketpair's ~200 KiB send buffer.
from multiprocessing import Process, Pipe, current_process
import time
import os


def worker(id, baseNum, conn):
    process_id = os.getpid()
    process_name = current_process().name
    sub_total = 0
    for i in range(baseNum):
        sub_total += 1
    if big:
        conn.send([sub_total] * 300000)  # a big result: more than the pipe holds
    else:
        conn.send(sub_total)
    conn.close()
    print(f'Process ID: {process_id}, Process Name: {process_name}')
    print(f'Result: {sub_total}')


def main():
    parent_process_id = os.getpid()
    print(f'Parent process id: {parent_process_id}')
    start_time = time.time()
    parent_conn, child_conn = Pipe()
    t = Process(name=str(1), target=worker, args=(1, count, child_conn))
    t.start()
    t.join()
    print("--- %s seconds ---" % (time.time() - start_time))
    result = parent_conn.recv()
    print('Main-processing total count: {}'.format(result[0] if big else result))
    print('Main-processing done.')


if __name__ == '__main__':
    main()
