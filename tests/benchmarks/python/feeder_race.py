# SPDX-License-Identifier: MIT
"""How often empty() says True right after put(), under CPython's multiprocessing: the counterpart of
feeder_race.cpp (same cases, same output). Unchanged, it also counts a Python program on the engine:
    /usr/bin/python3 tests/benchmarks/python/feeder_race.py [TRIALS]
    /usr/bin/python3 -c 'import sys; sys.path.insert(0, sys.argv.pop(1)); import mpstage._run as r; \\
        sys.exit(r.run_file(sys.argv[1]))' build/dev/python tests/benchmarks/python/feeder_race.py [TRIALS]
"""
import multiprocessing
import sys


def first_put(trials):
    said = 0
    for _ in range(trials):
        q = multiprocessing.Queue()
        q.put(1)
        said += q.empty()
        q.get()
        q.close()
        q.join_thread()
    return said


def idle_feeder(trials):
    said = 0
    for _ in range(trials):
        q = multiprocessing.Queue()
        q.put(0)
        q.get()  # the feeder has written it and goes idle
        q.put(1)
        said += q.empty()
        q.get()
        q.close()
        q.join_thread()
    return said


if __name__ == '__main__':
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print('first put: True %d/%d' % (first_put(trials), trials))
    print('idle feeder: True %d/%d' % (idle_feeder(trials), trials))
