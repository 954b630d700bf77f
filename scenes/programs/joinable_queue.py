"""mpstage scene
title: JoinableQueue: join() waits for task_done()
summary: The consumer is a daemon that loops for ever; the producer does not wait for it to exit but for its work to be done. A JoinableQueue counts every put(); task_done() counts one item down, and q.join() returns when the count reaches zero. Forget task_done() and join() waits for ever; call it once too often and it raises ValueError.
tags: queue, pitfall, seed
difficulty: 2
look: Watch the count of unfinished tasks on q: it goes up at every put() and down only at task_done(), not at get().
predict: When does q.join() return: when the queue is empty, or later? And what if the consumer never calls task_done()?
why: join() waits for the count of unfinished tasks, not for the queue to be empty: the queue empties as soon as the consumer has got the last item, but the count only reaches zero when it has said task_done() for it. Without task_done() the count never falls and join() waits for ever. With one call too many there is nothing left to count down, and task_done() raises ValueError. The daemon consumer itself never ends: it is terminated when the main process exits.
param items (Items): int 1..20 = 4 -- how many items the producer puts
param task_done (task_done() calls): choice each-item|forgotten|one-too-many = each-item -- once per item (each-item), never (forgotten), or once more after join() (one-too-many)
variant: the consumer forgets task_done() | task_done=forgotten
variant: one task_done() too many | task_done=one-too-many
expect when task_done=forgotten: hangs -- q.join() waits for task_done() calls that never come, although the queue is empty
expect when task_done=one-too-many: completes -- the consumer prints every item, join() returns, and the extra task_done() raises ValueError('task_done() called too many times')
expect: completes -- the consumer prints every item, then join() returns
hang says: "join()", "task_done()"
prints by Process-1:
    1
    2
    3
    4
prints by MainProcess: All items processed
prints by Process-1 when task_done=one-too-many:
    1
    2
    3
    4
prints by MainProcess when task_done=one-too-many:
    All items processed
    ValueError: task_done() called too many times
"""
import multiprocessing


def consumer(input_q):
    while True:
        item = input_q.get()
        # Process item
        print(item, flush=True)  # Replace with useful work (flushed: the daemon is terminated at exit)
        if task_done != 'forgotten':
            # Signal task completion
            input_q.task_done()


def producer(sequence, output_q):
    for item in sequence:
        # Put the item on the queue
        output_q.put(item)


q = multiprocessing.JoinableQueue()
# Launch the consumer process
cons_p = multiprocessing.Process(target=consumer, args=(q,))
cons_p.daemon = True
cons_p.start()
# Produce items, sequence represents a sequence of items to
# be sent to the consumer. In practice, this could be the output
# of a generator or produced in some other manner.
sequence = list(range(1, items + 1))
producer(sequence, q)
# Wait for all items to be processed
q.join()
print('All items processed')
if task_done == 'one-too-many':
    # One task_done() too many: every item is already marked done
    try:
        q.task_done()
    except ValueError as e:
        print('ValueError:', e)
