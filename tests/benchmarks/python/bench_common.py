# SPDX-License-Identifier: MIT
"""What the CPython benchmark scripts share: the team of forked processes of team.h, and the output format.

Every member says it is ready and waits for a start Event, so forking is never timed; the clock runs from the
start signal until every member that reports completion has released the `done` Semaphore.
"""
import json
import multiprocessing
import time

CTX = multiprocessing.get_context("fork")


def _member(ready, go, done, body, args):
    ready.release()
    go.wait()
    body(*args)
    if done is not None:
        done.release()


def run_team(members):
    """members: (body, args, reports_done) triples. Returns the seconds from the start signal until done."""
    ready, go, done = CTX.Semaphore(0), CTX.Event(), CTX.Semaphore(0)
    procs = [CTX.Process(target=_member, args=(ready, go, done if reports else None, body, args))
             for body, args, reports in members]
    for p in procs:
        p.start()
    for _ in procs:
        ready.acquire()
    start = time.perf_counter()
    go.set()
    for _, _, reports in members:
        if reports:
            done.acquire()
    elapsed = time.perf_counter() - start
    for p in procs:
        p.join()
        if p.exitcode != 0:
            raise SystemExit(f"a team member failed with exit code {p.exitcode}")
    return elapsed


def emit(figure, value, unit):
    print(json.dumps({"figure": figure, "value": value, "unit": unit}), flush=True)
