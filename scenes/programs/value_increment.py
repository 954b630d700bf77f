"""mpstage scene
title: v.value += 1 from several processes loses updates
summary: Every process adds 1 to a shared Value many times. Reading v.value takes the Value's lock and so does writing it, but `v.value += 1` is a read and then a write: between them another process can write, and that update is overwritten. Holding the lock around the whole update fixes it.
tags: shared memory, locks, pitfall, seed
difficulty: 2
look: Watch the padlock on share_value: it is taken for the read, released, and taken again for the write.
predict: With 4 processes adding 1 two thousand times each, will the final value be 8000?
why: Two processes read the same value, both add 1, both write: two increments, one visible. The lock protected each access, not the update. With the lock held across read and write, no other process can get in between.
race: yes
goal: make both processes lose an update -- loses updates
param processes (Processes): int 2..9 = 4 -- how many processes increment the value
param increments (Increments each): int 1..100000 = 2000 -- how many times each process adds 1
param lock (Hold the lock): bool = false -- wrap the update in `with v.get_lock():`
variant: hold the lock around the update | lock=true
question: {processes} processes each add 1 to v.value {increments} times. What is the final value? | {processes * increments} | less than {processes * increments} | more than {processes * increments}
answer A: value share_value = processes * increments -- no update was lost: the lock was held around the read and the write, or the processes happened to take turns
answer B: value share_value < processes * increments -- two processes read the same value and both wrote it plus 1: two increments, one visible
answer C: value share_value > processes * increments -- a write stored more than all the increments made: that would be a bug in the engine, not a race
expect when lock=true: completes -- the final value is exactly processes * increments
expect: loses updates -- the final value is less than processes * increments
prints in any order when lock=true:
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Final Data in parent process: <Synchronized wrapper for c_int(8000)>
"""
# Without the lock, a run where the processes happen to take turns loses nothing (race: yes); the order of the
# per-process lines, and how many updates are lost, vary.
from multiprocessing import Process, current_process, Value


def generate_update_number(v):
    for _ in range(increments):
        if lock:
            with v.get_lock():
                v.value += 1
        else:
            v.value += 1
    print(current_process().name, 'data', v)


def main():
    procs = list()
    share_value = Value('i', 0)
    for _ in range(processes):
        p = Process(target=generate_update_number, args=(share_value,))
        procs.append(p)
        p.start()
    for p in procs:
        p.join()
    print('Final Data in parent process:', share_value)


if __name__ == '__main__':
    main()
