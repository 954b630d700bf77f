"""mpstage scene
title: Pi from several processes, summed into one Value
summary: The book's pi program, for processes: the terms of the series pi = 4 (1 - 1/3 + 1/5 - ...) are split among several processes, each adds up its share and then adds its partial sum into one shared Value('d'), holding the Value's lock for the update. Processes share no variables, so with a plain global instead each child adds into its own copy and the parent is left with 0.
tags: shared memory, locks, seed
difficulty: 2
look: Watch the processes compute side by side without touching PI, then each take PI's lock once, briefly, to add its share.
predict: Four processes each add up half a million terms. What does the parent find in PI at the end? And if PI were an ordinary global?
why: The long part, adding up terms, needs no sharing at all: each process works on local variables. Only the last step touches shared memory, once per process, under the lock, because `PI.value += part` is a read and a write that another process could slip between. A plain global would not do: fork copies it, each child adds into its own copy, and the parent's stays 0.
param terms (Terms): int 1000..20000000 = 2000000 -- how many terms of the series are added in all
param processes (Processes): int 1..8 = 4 -- how many processes share the terms
param shared (Use a shared Value): bool = true -- PI is a multiprocessing.Value (or a plain global float)
variant: a plain global instead of a Value | shared=false
expect when shared=false: completes -- but the parent prints 0.00000000: each child added into its own copy of PI
expect: completes -- the parent prints pi to 8 places, as close as that many terms get
prints:
    pi is about 3.14159215
    math.pi is  3.14159265
prints when shared=false:
    pi is about 0.00000000
    math.pi is  3.14159265
"""
import ctypes
import math
import multiprocessing

PI = 0.0  # with shared=false, a plain global: after fork, every process has its own copy


def my_pi(m, n, shared_pi=None):
    global PI
    # Terms m to n of the Leibniz series: pi = 4 * (1 - 1/3 + 1/5 - 1/7 + ...)
    pi = 0
    for k in range(m, n + 1):
        s = 1 if k % 2 else -1
        pi += s / (2 * k - 1)
    if shared_pi is not None:
        with shared_pi.get_lock():
            shared_pi.value += pi * 4
    else:
        PI += pi * 4


if __name__ == '__main__':
    N = terms
    P = processes
    if shared:
        PI = multiprocessing.Value(ctypes.c_double, 0.0)
    procs = []
    for i in range(P):
        m = i * N // P + 1
        n = (i + 1) * N // P
        if shared:
            p = multiprocessing.Process(target=my_pi, args=(m, n, PI))
        else:
            p = multiprocessing.Process(target=my_pi, args=(m, n))
        procs.append(p)
        p.start()
    for p in procs:
        p.join()
    print(f'pi is about {PI.value if shared else PI:.8f}')
    print(f'math.pi is  {math.pi:.8f}')
