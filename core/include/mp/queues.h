// SPDX-License-Identifier: MIT
#pragma once
// multiprocessing.queues: Queue, JoinableQueue and SimpleQueue, built as queues.py builds them so that
// what the stage animates is what happens in Python:
//   Queue = a per-process local buffer + a feeder thread (started on the first put) + a simplex pipe
//           + a reader lock and a writer lock shared by all processes + a BoundedSemaphore for maxsize.
// put() only appends to the local buffer; the feeder writes to the pipe later. empty() asks the pipe, so
// right after a put it can still say true. A process that put items waits at exit until its feeder has
// written them (unless cancel_join_thread() was called): join a child before draining and you can deadlock,
// exactly as CPython's programming guidelines warn.
//
// How often empty() says true right after a put differs from CPython, and is left so. CPython's feeder needs
// the GIL to write, which the putting thread keeps until its next blocking call or for the 5 ms switch
// interval; here the feeder is a native thread that writes as soon as it runs, so the C++ engine says true less
// often, and how much less moves with the machine's load. Counted over 1,000 fresh queues, put(1) then empty()
// at once (tests/benchmarks/feeder_race.cpp against python/feeder_race.py, 2 vCPUs, load 1.4-2.7 from other
// builds, 2026-12-04): CPython 3.11 said true 976-1000 times, this engine 778-990 (738-951 with every thread on
// one CPU); after a put to a queue whose feeder has written once and gone idle, CPython 971-1000, this engine
// 713-996. A Python program run on the engine said true 977-986 times (949-968 after the idle feeder). Both are
// races a program must not rely on (Python's docs call empty() unreliable). Giving the C++ engine CPython's odds
// would mean holding the feeder's writes back as the GIL does: a 10 us wait before each write
// (set_feeder_delay(1e-5)) gives true 999-1000 times in 1000, and makes one request and its reply through two
// Queues between two processes take 200-240 us instead of 23-51 us (the third figure feeder_race.cpp prints).
// The stage shows the race as it is; the feeder-lag scene's slow motion (set_feeder_delay) is there to make
// it visible on purpose.
//
// One deliberate difference: when a Queue handle's last copy in a process is destroyed, its feeder is told
// to finish and is joined there and then (CPython lets it run on until interpreter exit); a C++ thread
// cannot outlive the state it feeds from.

#include <mp/condition.h>
#include <mp/object.h>
#include <mp/synchronize.h>
#include <mp/telemetry/ids.h>
#include <mp/timeout.h>

#include <memory>
#include <string>

namespace mp {

namespace detail {
struct QueueState;
}

class Queue {
public:
    // maxsize <= 0 means unbounded (MAX_SEMAPHORE_VALUE), as in Python.
    explicit Queue(int maxsize = 0);

    void put(const Object& obj, bool block = true, Timeout timeout = std::nullopt);
    Object get(bool block = true, Timeout timeout = std::nullopt);
    void put_nowait(const Object& obj) { put(obj, false); }
    Object get_nowait() { return get(false); }
    int qsize() const;
    bool empty() const;
    bool full() const;
    void close();
    void join_thread();
    void cancel_join_thread();
    std::string repr() const;
    // The id this queue has in the run's telemetry (0 when the run is not observed).
    telemetry::ObjectId telemetry_id() const;

    // Teaching aid, off by default: the feeder waits this long before each write, so a class can watch
    // items sit in the local buffer. Nothing else about the queue changes. Set it before starting children
    // for them to inherit it.
    void set_feeder_delay(double seconds);

protected:
    Queue(int maxsize, const char* className);
    std::shared_ptr<detail::QueueState> m;
};

class JoinableQueue : public Queue {
public:
    explicit JoinableQueue(int maxsize = 0);
    void put(const Object& obj, bool block = true, Timeout timeout = std::nullopt);
    void put_nowait(const Object& obj) { put(obj, false); }
    void task_done();
    // Blocks until every item ever put has been marked done (there is no timeout, as in Python).
    void join();

private:
    Semaphore m_unfinished { 0 };
    Condition m_cond;
};

// A locked pipe: put() encodes in the caller and writes at once under the writer lock; no buffer, no feeder.
class SimpleQueue {
public:
    SimpleQueue();
    void put(const Object& obj);
    Object get();
    bool empty();
    void close();

private:
    struct Parts;
    std::shared_ptr<Parts> m;
};

} // namespace mp
