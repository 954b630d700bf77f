"""mpstage scene
title: An Array that children change and the parent sees
summary: Array('i', range(50)) puts fifty C ints in shared memory. Each child doubles its own slice of it, and once they are done the parent prints the whole array doubled: the children wrote into the very memory the parent reads. Make it a plain list and each child doubles a private copy made at fork; the parent's list never changes.
tags: shared memory, seed
difficulty: 1
look: Watch each child write its own part of share_numbers, and the parent read all of it at the end.
predict: Four children each double a quarter of the numbers. What does the parent print? And if share_numbers were an ordinary list?
why: fork gives each child a copy of the parent's memory, so changes to ordinary objects stay in the child that made them. An Array's storage is the exception: it is mapped shared, so every process reads and writes the same ints. The slices do not overlap, so no two children ever write the same item, and no lock is needed beyond the one each item access takes anyway.
param size (Items): int 1..200 = 50 -- how many ints the array holds
param processes (Processes): int 1..8 = 4 -- how many children share the work
param shared (Use an Array): bool = true -- share_numbers is a shared Array (or a plain list)
variant: a plain list: the children change their own copies | shared=false
expect when shared=false: completes -- the parent prints the numbers unchanged, as each child doubled its own copy
expect: completes -- the parent prints every number doubled
prints: [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 80, 82, 84, 86, 88, 90, 92, 94, 96, 98]
prints when shared=false: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49]
"""
from multiprocessing import Process, Array


def double_part(numbers, start, stop):
    for i in range(start, stop):
        numbers[i] = numbers[i] * 2


if __name__ == '__main__':
    if shared:
        share_numbers = Array('i', range(size))
    else:
        share_numbers = list(range(size))  # a plain list: each child gets its own copy
    procs = []
    for k in range(processes):
        start = k * size // processes
        stop = (k + 1) * size // processes
        p = Process(target=double_part, args=(share_numbers, start, stop))
        procs.append(p)
        p.start()
    for p in procs:
        p.join()
    print(share_numbers[:])
