// SPDX-License-Identifier: MIT
#pragma once
// The lock of a shared ctypes object: what Value() and Array() accept as `lock=` and what get_lock() returns
// (multiprocessing.sharedctypes.Value / synchronized, CPython item 53).

#include <mp/object.h>
#include <mp/synchronize.h>
#include <mp/timeout.h>

#include <concepts>
#include <optional>
#include <string>
#include <variant>

namespace mp {

// Whichever process-shared lock a synchronized wrapper uses (Python accepts anything with acquire()); a
// handle, so copies acquire the same lock. This is what get_lock() returns: `mp::Guard g(v.get_lock());`.
class AnyLock {
public:
    AnyLock(Lock lock);
    AnyLock(RLock lock);
    AnyLock(Semaphore semaphore);
    AnyLock(BoundedSemaphore semaphore);

    bool acquire(bool block = true, Timeout timeout = std::nullopt);
    void release();
    void lock() { acquire(); }
    void unlock() { release(); }
    std::string repr() const;
    // is_mine(), count(), get_value() and the rest of the underlying lock.
    SemLock& semlock();
    const SemLock& semlock() const;

private:
    std::variant<Lock, RLock, Semaphore, BoundedSemaphore> m_lock;
};

// The `lock=` argument of Value() and Array() (item 53): true or mp::None for a new RLock, false for no lock,
// or the lock to use.
class LockArg {
public:
    template <std::same_as<bool> B>
    LockArg(B useLock)
        : m_useLock(useLock)
    {
    }
    LockArg(NoneType) { }
    template <typename L>
        requires std::constructible_from<AnyLock, const L&>
    LockArg(const L& lock)
        : m_lock(AnyLock(lock))
    {
    }
    // The lock a new wrapper uses: the given one, a new RLock, or none.
    std::optional<AnyLock> make() const;

private:
    bool m_useLock = true;
    std::optional<AnyLock> m_lock;
};

} // namespace mp
