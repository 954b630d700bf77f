"""mpstage scene
title: A Queue producer and consumer, stopped by a sentinel
summary: The main process puts items on a Queue and a consumer process gets them one by one. Nothing tells the consumer that the producer has finished except a special value, the sentinel (None), put after the last item. Leave it out and the consumer waits in get() for ever.
tags: queue, seed
difficulty: 1
look: Watch each item travel: into MainProcess's local buffer, through the pipe, to the consumer. The last token is the None sentinel.
predict: What does the consumer do once it has printed the last number? What if no sentinel is sent?
why: get() blocks while the queue is empty; the consumer only knows the producer is done when it receives the sentinel. Without it, it blocks for ever, and cons_p.join() in the main process waits for it for ever too.
param items (Items): int 1..20 = 4 -- how many items the producer puts
param sentinel (Send the sentinel): bool = true -- put None after the last item
variant: the sentinel is forgotten | sentinel=false
expect when sentinel=false: hangs -- the consumer waits in get() for a sentinel that never comes
expect: completes -- the consumer prints every item, then 'Consumer done'
hang says: "get()", "q"
prints:
    1
    2
    3
    4
    Consumer done
"""
import multiprocessing


def consumer(input_q):
    while True:
        item = input_q.get()
        if item is None:
            break
        # Process item
        print(item)  # Replace with useful work
    # Shutdown
    print("Consumer done")


def producer(sequence, output_q):
    for item in sequence:
        # Put the item on the queue
        output_q.put(item)


q = multiprocessing.Queue()
# Launch the consumer process
cons_p = multiprocessing.Process(target=consumer, args=(q,))
cons_p.start()
# Produce items
sequence = list(range(1, items + 1))
producer(sequence, q)
if sentinel:
    # Signal completion by putting the sentinel on the queue
    q.put(None)
# Wait for the consumer process to shutdown
cons_p.join()
