"""mpstage scene
title: empty() right after put() says True
summary: put() does not write to the pipe: it appends the item to a buffer in the calling process, and a feeder thread writes it to the pipe a moment later. empty() only looks at the pipe, so right after put() it can still say True.
tags: queue, seed
difficulty: 1
look: Watch 'Hello' sit in MainProcess's local buffer while empty() is asked, then move into the pipe.
predict: Right after put('Hello'), will empty() say True or False? And half a second later?
why: empty() is 'the reader end has nothing to poll'. When it said True, the item was still in the buffer, waiting for the feeder thread, so the pipe was empty; qsize() would have said 1: it counts the semaphore, which put() had already taken. Without the slow motion it is a race: a Python feeder needs the GIL to write and comes second about 98 times in 100 (CPython, or a Python program on mpstage), a C++ feeder needs no GIL and writes first more often, so the C++ run can say False at once.
param feeder_delay (Feeder slow motion (s)): float 0..3 = 0.3 -- how long the feeder thread waits before each write, so the lag can be seen (0 = none: it writes as soon as it runs)
param wait (Wait before asking again (s)): float 0..5 = 0.6 -- time.sleep() between the two empty() calls
variant: no slow motion: the feeder races empty() | feeder_delay=0
question: What does empty() say right after put('Hello')? | True | False
answer True: prints "empty() right after put: True" -- put() only appended 'Hello' to MainProcess's buffer; the feeder thread had not written it to the pipe yet, and empty() looks only at the pipe
answer False: prints "empty() right after put: False" -- the feeder thread wrote 'Hello' to the pipe before empty() looked, which a C++ feeder with no slow motion often does
expect when feeder_delay=0: completes -- empty() usually says True right after put() (the feeder races it, and wins more often in C++), and False once the feeder has written
expect: completes -- empty() says True right after put(), False a moment later
prints:
    empty() right after put: True
    empty() a moment later: False
    got Hello
prints when feeder_delay=0:
    empty() right after put: ...
    empty() a moment later: False
    got Hello
"""
# CPython says True in about 98% of runs, not always: without the slow motion, the first answer may be either.
import multiprocessing
import time

q = multiprocessing.Queue()
if hasattr(q, '_set_feeder_delay'):  # mpstage's slow motion for the feeder thread (not in CPython)
    q._set_feeder_delay(feeder_delay)
q.put('Hello')
print('empty() right after put:', q.empty())
time.sleep(wait)
print('empty() a moment later:', q.empty())
print('got', q.get())
