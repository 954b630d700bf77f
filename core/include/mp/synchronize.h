// SPDX-License-Identifier: MIT
#pragma once
// Process-shared locks and semaphores, mirroring multiprocessing.synchronize and _multiprocessing.SemLock.
// The counter lives in shared memory (a futex word); the recursion count and owning thread stay per process,
// exactly as CPython keeps them in the SemLock object, so a child never owns what its parent held at fork.
//
// A holder that dies: by default the lock stays held for good, as in CPython (item 67), but not silently: a
// waiter notices within a fraction of a second, holder_died() turns true and one line on stderr names the
// dead pid. Constructed with DeadHolder::Recover, the next waiter takes the lock over instead and
// owner_died() tells it the data the lock guarded may be half-written (the EOWNERDEAD of robust mutexes).

#include <mp/telemetry/ids.h>
#include <mp/timeout.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

namespace mp {

namespace detail {
struct SemLockState;
struct SemLockLocal;
class SharedBlock;
struct Instrument;
} // namespace detail

enum class DeadHolder { Wait, Recover };

// Whether a waiter that finds a dead holder says so on stderr (on by default). mpstage's Python module turns it
// off: CPython's multiprocessing waits silently, and a Python program must print what it prints there.
void set_dead_holder_warnings(bool on);

// Python's synchronize.SEM_VALUE_MAX (the system macro of that name forbids the exact spelling).
inline constexpr unsigned MAX_SEMAPHORE_VALUE = 2147483647;

class SemLock {
public:
    bool acquire(bool block = true, Timeout timeout = std::nullopt);
    void release();
    // BasicLockable, so std::scoped_lock and mp::Guard work.
    void lock() { acquire(); }
    void unlock() { release(); }

    int get_value() const;
    bool is_zero() const { return get_value() == 0; }
    unsigned maxvalue() const;
    // Held by this thread of this process (SemLock._is_mine) and how many times (SemLock._count).
    bool is_mine() const;
    int count() const;
    // A waiter saw the holder's process gone while the lock was still held.
    bool holder_died() const;
    // With DeadHolder::Recover: the last acquire took the lock over from a dead holder.
    bool owner_died() const;
    // pid of the process that holds a Lock/RLock, 0 when free (for telemetry and hang explanations).
    int holder_pid() const;
    // The id this lock has in the run's telemetry (0 when the run is not observed).
    telemetry::ObjectId telemetry_id() const { return m_object; }

protected:
    enum class Kind : std::uint32_t { Semaphore = 0, RecursiveMutex = 1 };
    SemLock(Kind kind, unsigned value, unsigned maxvalue, DeadHolder policy, bool tracksHolder);
    Kind kind() const;

private:
    bool acquireSlow(bool block, Timeout timeout);
    void noteTaken(detail::SemLockLocal& local, bool released);
    void reportReleased() const;
    bool waitForValue(double deadline, bool forever);
    bool checkDeadHolder();

    friend struct detail::Instrument;
    std::shared_ptr<detail::SharedBlock> m_block;
    detail::SemLockState* m_state = nullptr;
    std::shared_ptr<detail::SemLockLocal> m_local;
    // Telemetry: the object this lock reports as (its own, or the Queue/Condition it is part of), the
    // operation a blocked acquire counts as, and whether it reports lock events of its own.
    telemetry::ObjectId m_object;
    const char* m_blockOp = "acquire";
    bool m_reportsLockEvents = false;
    // What never changes after construction, kept here too so that acquire() and release() do not read the
    // shared state's cache line (which the other processes keep taking away) for it.
    Kind m_kind;
    bool m_tracksHolder;
    std::uint32_t m_maxvalue;
};

// multiprocessing.Lock: a binary semaphore with no owner check; any process may release it.
class Lock : public SemLock {
public:
    explicit Lock(DeadHolder policy = DeadHolder::Wait);
    std::string repr() const;
};

// multiprocessing.RLock: owned by one thread of one process, re-entrant.
class RLock : public SemLock {
public:
    explicit RLock(DeadHolder policy = DeadHolder::Wait);
    std::string repr() const;
};

class Semaphore : public SemLock {
public:
    explicit Semaphore(int value = 1);
    std::string repr() const;
};

class BoundedSemaphore : public SemLock {
public:
    explicit BoundedSemaphore(int value = 1);
    std::string repr() const;
};

// `with lock:` in C++: `mp::Guard g(lock);` holds any of the above (or anything with acquire/release) for the
// rest of the scope. An lvalue is held by reference, a temporary handle (v.get_lock()) by value.
template <typename L> class Guard {
public:
    template <typename Arg>
    explicit Guard(Arg&& lock)
        : m_lock(std::forward<Arg>(lock))
    {
        m_lock.acquire();
    }
    ~Guard() { m_lock.release(); }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;

private:
    L m_lock;
};
template <typename L> Guard(L&&) -> Guard<L>;

} // namespace mp
