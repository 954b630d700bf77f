"""mpstage scene
title: Nine processes, fifty increments: the race that hides
summary: The article's program: nine processes each do `v.value += 1` fifty times on one shared Value, and the parent prints 450. The update is still a locked read followed by a separate locked write, so updates can be lost; at this size each process has usually finished before the next one starts, so they rarely are. A test that passes is not a proof: the value-increment scene sizes the same program up until the race shows.
tags: shared memory, locks, seed
difficulty: 1
look: Watch when each process starts and ends: do any two of them ever add at the same time?
predict: Nine processes add 1 fifty times each to a shared Value. Will the parent print 450? Always?
why: Usually 450, because fifty increments take less time than starting the next process, so the processes take turns without meaning to. The code is still racy: `v.value += 1` reads under the lock, lets go, and writes under the lock again, and any process that writes in between is overwritten. Here, where each access is also reported to the stage, the increments are slower and the processes overlap more often, so you may well see it happen. Only `with v.get_lock():` around the update makes 450 certain.
race: yes
param lock (Hold the lock): bool = false -- wrap the update in `with v.get_lock():`
variant: hold the lock around the update | lock=true
expect when lock=true: completes -- the final value is exactly 450
expect: completes -- the final value is 450 or a little less. Under Python updates are rarely lost at this size (about one run in twenty); on the stage, where every read and write is also reported, the processes overlap more and some runs lose updates
prints in any order:
    Parent Process ID: ...
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Final Data in parent process: <Synchronized wrapper for c_int(...)>
prints in any order when lock=true:
    Parent Process ID: ...
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Process-... data <Synchronized wrapper for c_int(...)>
    Final Data in parent process: <Synchronized wrapper for c_int(450)>
"""
# The parent's pid differs from run to run, and the order of the lines can.
from multiprocessing import Process, current_process, Value, Array
import os


def generate_update_number(v: int):
    for _ in range(50):
        if lock:
            with v.get_lock():
                v.value += 1
        else:
            v.value += 1
    print(current_process().name, 'data', v)


def main():
    parent_process_id = os.getpid()
    print(f"Parent Process ID: {parent_process_id}")
    processes = list()
    share_value = Value('i', 0)
    for _ in range(1, 10):
        p = Process(target=generate_update_number, args=(share_value,))
        processes.append(p)
        p.start()
    for p in processes:
        p.join()
    print('Final Data in parent process:', share_value)


if __name__ == '__main__':
    main()
