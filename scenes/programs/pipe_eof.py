"""mpstage scene
title: A Pipe consumer that waits for end-of-file
summary: The consumer reads from a Pipe until recv() raises EOFError. That happens only once every copy of the write end is closed, in every process: fork gave the consumer a copy too. If the consumer forgets to close its own copy, it waits in recv() for ever, holding open the very end it waits on.
tags: pipe, pitfall, seed
difficulty: 2
look: Watch the lines from each process to each end of the pipe: after fork, both processes hold both ends.
predict: After the producer closes input_p, does the consumer see EOF? What if the consumer never closed its own input_p?
why: The operating system counts open copies of the write end. The producer's close removes one copy; the consumer's own copy keeps the pipe open, so recv() keeps waiting for data that can never come.
param items (Items): int 1..20 = 4 -- how many items the producer sends
param close_unused (Consumer closes its write end): bool = true -- the consumer closes its copy of input_p first
variant: the consumer forgets to close its write end | close_unused=false
question: Once the producer has sent its items and closed input_p, does the consumer see EOF? | Yes: it prints 'Consumer done' | No: it waits in recv() for ever
answer A: prints "Consumer done" -- recv() raised EOFError because every copy of the write end was closed, the consumer's own included
answer B: hangs -- the consumer still holds its own copy of input_p, so the write end is never closed everywhere and end-of-file cannot arrive
expect when close_unused=false: hangs -- the consumer waits in recv() because its own write end is still open
expect: completes -- the consumer prints every item, sees EOFError, prints 'Consumer done'
hang says: "recv()", "Process-1 itself"
prints:
    1
    2
    3
    4
    Consumer done
"""
import multiprocessing


# Consume items on a pipe
def consumer(pipe):
    output_p, input_p = pipe
    if close_unused:
        input_p.close()  # Close the input end of the pipe
    while True:
        try:
            item = output_p.recv()
        except EOFError:
            break
        # Process item
        print(item)  # Replace with useful work
    # Shutdown
    print("Consumer done")


# Produce items and put them in the pipe. sequence is an
# iterable representing items to be processed.
def producer(sequence, input_p):
    for item in sequence:
        # Send the item down the pipe
        input_p.send(item)


(output_p, input_p) = multiprocessing.Pipe()
# Launch the consumer process
cons_p = multiprocessing.Process(target=consumer, args=((output_p, input_p),))
cons_p.start()
# Close the output pipe in the producer
output_p.close()
# Produce items
sequence = list(range(1, items + 1))
producer(sequence, input_p)
# Signal completion by closing the input pipe
input_p.close()
# Wait for the consumer process to shutdown
cons_p.join()
