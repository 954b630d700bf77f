"""mpstage scene
title: A pool of consumers needs one sentinel each
summary: Several consumer processes get from one Queue. Each stops when it gets the sentinel (None), and a sentinel is consumed by whoever gets it, so the producer must put one per consumer. With one too few, the last consumer waits in get() for ever, and the producer's join() waits for it.
tags: queue, pitfall, seed
difficulty: 2
look: Watch the items share themselves out among the consumers, and then the None tokens: each one stops the consumer that gets it.
predict: Three consumers, and the producer puts one None. How many consumers stop? How many None tokens does it take?
why: A Queue hands each item to exactly one get(): the sentinels are no exception. A None stops whichever consumer takes it and is gone. So every consumer needs one of its own: one too few, and the consumer left over waits in get() for an item that will never be put, while the producer waits in join() for it.
param consumers (Consumers): int 2..6 = 3 -- how many consumer processes share the queue
param items (Items): int 1..20 = 6 -- how many items the producer puts
param sentinel_each (One sentinel per consumer): bool = true -- put as many sentinels as there are consumers (or one fewer)
variant: one sentinel too few | sentinel_each=false
expect when sentinel_each=false: hangs -- one consumer gets no sentinel and waits in get() for ever
expect: completes -- every item is printed once, by one consumer or another, and every consumer prints 'Consumer done'
hang says: "get()", "too few"
prints in any order:
    1
    2
    3
    4
    5
    6
    Consumer done
    Consumer done
    Consumer done
"""
# Which consumer prints which item varies from run to run; what they print between them does not.
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
# Launch a pool of consumer processes
pool = []
for i in range(consumers):
    cons_p = multiprocessing.Process(target=consumer, args=(q,))
    cons_p.start()
    pool.append(cons_p)
# Produce items
sequence = list(range(1, items + 1))
producer(sequence, q)
# Signal completion: one sentinel for every consumer (or, with sentinel_each=false, one too few)
for i in range(len(pool) if sentinel_each else len(pool) - 1):
    q.put(None)
# Wait for every consumer process to shut down
for cons_p in pool:
    cons_p.join()
