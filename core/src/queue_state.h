// SPDX-License-Identifier: MIT
#pragma once
// The parts of a Queue. Shared ones (pipe ends, locks, semaphore) are the same in every process; the local
// ones (buffer, feeder thread, closed flag) are per process and start fresh in a forked child, as
// Queue._reset(after_fork=True) makes them.

#include <mp/connection.h>
#include <mp/queues.h>

#include "actor/probe.h"
#include "queue_read_ahead.h"
#include "runtime.h"
#include "shared_block.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace mp::detail {

struct Buffered {
    std::optional<Object> obj; // nullopt is the sentinel that tells the feeder to finish
    telemetry::ItemId item;
};

struct QueueLocal {
    std::mutex mutex;
    std::condition_variable notempty;
    std::deque<Buffered> buffer;
    std::thread feeder;
    bool closed = false;
    bool joinCancelled = false;
    bool feederFreesState = false; // the last handle went while a join-cancelled feeder still ran
    Finalizer closeFinalizer;
    Finalizer joinFinalizer;
};

struct QueueState {
    QueueState(int maxsize, const char* className, std::pair<Connection, Connection> pipe);
    ~QueueState();
    // The deleter of the last handle. A feeder whose join was cancelled may still be writing what this process
    // put, as CPython's daemon feeder goes on after its Queue is collected: it is told to stop once that is
    // written, and frees the state itself then (it uses the locks and the pipe until the end).
    static void release(QueueState* state);

    const char* className;
    int maxsize;
    Connection reader;
    Connection writer;
    Lock rlock;
    Lock wlock;
    BoundedSemaphore sem;
    std::atomic<double> feederDelay { 0.0 }; // written by the user thread, read by the feeder
    std::unique_ptr<QueueLocal> local;
    // What get() has read from the pipe ahead of the messages it returned (queue_read_ahead.h).
    std::shared_ptr<SharedBlock> aheadBlock;
    ReadAhead* ahead = nullptr;
    // Telemetry: the queue's id and the shared counters numbering messages written to / read from its pipe.
    telemetry::ObjectId object;
    std::shared_ptr<SharedBlock> countersBlock;
    std::atomic<std::uint64_t>* written = nullptr;
    std::atomic<std::uint64_t>* read = nullptr;

    void instrument(telemetry::ObjectKind kind);
    void startFeeder(const std::shared_ptr<QueueState>& self);
    void feed(QueueLocal& local);
    void appendLocked(QueueLocal& local, Object obj, telemetry::ItemId item);
    void sendSentinel();
    void resetAfterFork();
    std::string repr() const;
};

} // namespace mp::detail
