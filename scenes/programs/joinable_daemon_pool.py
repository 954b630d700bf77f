"""mpstage scene
title: A pool of daemon consumers and JoinableQueue.join()
summary: Daemon consumers loop forever on a JoinableQueue; MainProcess waits in join() until every item is marked done, then exits, and the daemons are terminated with it.
tags: queue, seed
difficulty: 2
look: The queue's count of unfinished tasks going up with each put and down with each task_done().
predict: What happens if a consumer forgets task_done()?
why: join() waits until the count of unfinished tasks is 0: every put counts up, every task_done() counts down. Daemonic consumers never end on their own; the main process terminates them when it exits.
param consumers: int 1..4 = 2 -- daemon consumer processes
param items: int 1..20 = 6 -- items to process
param task_done: bool = true -- consumers call task_done() for each item
variant: Forget task_done() | task_done=false
expect when task_done=false: hangs -- MainProcess waits in join() for ever: nobody marks the items done
expect: completes -- join() returns once every item is done
"""
import multiprocessing as mp


def consumer(q, done):
    while True:
        item = q.get()
        print(mp.current_process().name, 'processed', item, flush=True)
        if done:
            q.task_done()


if __name__ == '__main__':
    q = mp.JoinableQueue()
    for _ in range(consumers):
        mp.Process(target=consumer, args=(q, task_done), daemon=True).start()
    for i in range(items):
        q.put(i)
    q.join()
    print('every item is done')
