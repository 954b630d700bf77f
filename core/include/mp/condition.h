// SPDX-License-Identifier: MIT
#pragma once
// multiprocessing.Condition, Event and Barrier, built exactly as synchronize.py builds them: a Condition is a
// lock plus three Semaphores (sleepers, woken, wait), an Event is a Condition with a Semaphore as its flag,
// and a Barrier is threading.Barrier with its state and count in shared memory.

#include <mp/synchronize.h>

#include <atomic>
#include <functional>
#include <memory>

namespace mp {

class Condition {
public:
    Condition();
    explicit Condition(SemLock lock);

    bool acquire(bool block = true, Timeout timeout = std::nullopt) { return m_lock.acquire(block, timeout); }
    void release() { m_lock.release(); }
    void lock() { acquire(); }
    void unlock() { release(); }

    // True if notified, false on timeout. Releases every recursion level of the lock while waiting.
    bool wait(Timeout timeout = std::nullopt);
    template <typename Pred> auto wait_for(Pred predicate, Timeout timeout = std::nullopt) -> decltype(predicate());
    void notify(int n = 1);
    void notify_all();

    // What Condition.__repr__ shows: the lock, and how many wait (the sleepers less those that woke).
    const SemLock& semlock() const { return m_lock; }
    int waiters() const { return m_sleeping.get_value() - m_woken.get_value(); }

private:
    SemLock m_lock;
    Semaphore m_sleeping;
    Semaphore m_woken;
    Semaphore m_wait;
    telemetry::ObjectId m_object;
};

double monotonic_seconds();

template <typename Pred> auto Condition::wait_for(Pred predicate, Timeout timeout) -> decltype(predicate())
{
    auto result = predicate();
    const double end = timeout ? monotonic_seconds() + *timeout : 0.0;
    while (!result) {
        Timeout wait_time;
        if (timeout) {
            wait_time = end - monotonic_seconds();
            if (*wait_time <= 0)
                break;
        }
        wait(wait_time);
        result = predicate();
    }
    return result;
}

class Event {
public:
    Event();
    bool is_set();
    void set();
    void clear();
    bool wait(Timeout timeout = std::nullopt);

private:
    Condition m_cond;
    Semaphore m_flag;
    telemetry::ObjectId m_object;
};

class Barrier {
public:
    explicit Barrier(int parties, std::function<void()> action = {}, Timeout timeout = std::nullopt);
    // The arrival index, 0 .. parties-1; raises BrokenBarrierError if the barrier is or becomes broken.
    int wait(Timeout timeout = std::nullopt);
    void reset();
    void abort();
    int parties() const { return m_parties; }
    // As threading.Barrier's, without the lock: an action (which runs with it held) may read them.
    int n_waiting() const;
    bool broken() const;

    // Written with the Condition's lock held; atomic because n_waiting and broken read them without it.
    struct Shared {
        std::atomic<int> state { 0 }; // 0 filling, 1 draining, -1 resetting, -2 broken
        std::atomic<int> count { 0 };
    };

private:
    void enter();
    void releaseAll();
    void waitReleased(Timeout timeout);
    void exit();
    void breakBarrier();

    Condition m_cond;
    std::function<void()> m_action;
    Timeout m_timeout;
    int m_parties;
    std::shared_ptr<void> m_block;
    Shared* m_shared;
    telemetry::ObjectId m_object;
};

} // namespace mp
