"""mpstage scene
title: Five workers put their subtotals on one Queue
summary: Five worker processes each count to N and put their subtotal on one shared Queue; the parent waits for them all, puts an 'exit' marker behind their results, and adds up everything before the marker: 5 x N. The work is CPU-bound and the queue carries one item per worker, so this scene is about throughput, not about single events: run it at the counters detail level (mpstage-host run queue-subtotals --detail counters) to see it as the app's charts do.
tags: queue, seed
difficulty: 1
look: Watch the five workers count side by side, then five small items arrive on q, and last the parent's 'exit'.
predict: The parent joins every worker before it gets a single item. Is that safe here? And will 'exit' come out before any subtotal?
why: Each worker's subtotal is one small int, which fits in the pipe, so each worker can exit before anyone reads it and join() returns. By then every subtotal is in the pipe, so the 'exit' the parent puts afterwards comes out last, and the loop adds exactly five subtotals. With items too big for the pipe, joining first would deadlock (see the join-before-drain scene).
param workers (Workers): int 1..9 = 5 -- how many worker processes count
param count (Count to): int 1..100000000 = 1000000 -- how far each worker counts (baseNum)
variant: nine workers | workers=9
expect: completes -- every worker prints 'Result: N', and the parent prints the total count, workers x N
prints by MainProcess:
    Parent process id: ...
    --- ... seconds ---

    Main-processing total count: 5000000
    Main-processing done.
prints by 0:
    Process ID: ..., Process Name: 0
    Result: 1000000
prints by 1:
    Process ID: ..., Process Name: 1
    Result: 1000000
prints by 2:
    Process ID: ..., Process Name: 2
    Result: 1000000
prints by 3:
    Process ID: ..., Process Name: 3
    Result: 1000000
prints by 4:
    Process ID: ..., Process Name: 4
    Result: 1000000
prints by MainProcess when workers=9:
    Parent process id: ...
    --- ... seconds ---

    Main-processing total count: 9000000
    Main-processing done.
prints by 0 when workers=9:
    Process ID: ..., Process Name: 0
    Result: 1000000
prints by 1 when workers=9:
    Process ID: ..., Process Name: 1
    Result: 1000000
prints by 2 when workers=9:
    Process ID: ..., Process Name: 2
    Result: 1000000
prints by 3 when workers=9:
    Process ID: ..., Process Name: 3
    Result: 1000000
prints by 4 when workers=9:
    Process ID: ..., Process Name: 4
    Result: 1000000
prints by 5 when workers=9:
    Process ID: ..., Process Name: 5
    Result: 1000000
prints by 6 when workers=9:
    Process ID: ..., Process Name: 6
    Result: 1000000
prints by 7 when workers=9:
    Process ID: ..., Process Name: 7
    Result: 1000000
prints by 8 when workers=9:
    Process ID: ..., Process Name: 8
    Result: 1000000
"""
# The pids, the time and the order of the workers' lines differ from run to run; the counts do not.
from multiprocessing import Process, Queue, current_process
import time
import os


def worker(id, baseNum, q):
    process_id = os.getpid()
    process_name = current_process().name
    sub_total = 0
    for i in range(baseNum):
        sub_total += 1
    q.put(sub_total)
    print(f'Process ID: {process_id}, Process Name: {process_name}')
    print(f'Result: {sub_total}')


def main():
    parent_process_id = os.getpid()
    print(f'Parent process id: {parent_process_id}')
    processes = list()
    start_time = time.time()
    q = Queue()
    for i in range(workers):
        t = Process(name=str(i), target=worker, args=(i, count, q))
        processes.append(t)
        t.start()
    for process in processes:
        process.join()
    print("--- %s seconds ---" % (time.time() - start_time))
    q.put('exit')
    total = 0
    while True:
        tmp = q.get()
        if tmp == 'exit':
            break
        else:
            total += tmp
    print()
    print('Main-processing total count: {}'.format(total))
    print('Main-processing done.')


if __name__ == '__main__':
    main()
