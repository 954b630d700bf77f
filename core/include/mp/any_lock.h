// SPDX-License-Identifier: MIT
#pragma once
// The lock of a shared ctypes object: what Value() and Array() accept as `lock=` and what get_lock() returns
// (multiprocessing.sharedctypes.Value / synchronized, CPython item 53).

#include <mp/object.h>
#include <mp/synchronize.h>
#include <mp/timeout.h>

#include <concepts>
#include <memory>
#include <optional>
#include <string>
#include <variant>

namespace mp {

namespace detail {
class CtypeLockGuard;
}

// Whichever process-shared lock a synchronized wrapper uses (Python accepts anything with acquire()); a
// handle, so copies acquire the same lock. This is what get_lock() returns: `mp::Guard g(v.get_lock());`.
class AnyLock {
public:
    AnyLock(Lock lock);
    AnyLock(RLock lock);
    AnyLock(Semaphore semaphore);
    AnyLock(BoundedSemaphore semaphore);

    bool acquire(bool block = true, Timeout timeout = std::nullopt) { return m_semlock->acquire(block, timeout); }
    void release() { m_semlock->release(); }
    void lock() { acquire(); }
    void unlock() { release(); }
    std::string repr() const;
    // is_mine(), count(), get_value() and the rest of the underlying lock.
    SemLock& semlock() { return *m_semlock; }
    const SemLock& semlock() const { return *m_semlock; }

private:
    using Variant = std::variant<Lock, RLock, Semaphore, BoundedSemaphore>;
    friend class detail::CtypeLockGuard;
    explicit AnyLock(std::shared_ptr<Variant> lock);
    // An RLock this thread holds: acquiring it again would only count up, and the release count down.
    bool heldAgainByThisThread() const { return std::holds_alternative<RLock>(*m_variant) && m_semlock->is_mine(); }

    // The lock handle lives once on the heap, so that copying an AnyLock (get_lock() returns one per call)
    // costs one reference count, and acquire() goes straight to the SemLock. m_semlock shares m_variant's
    // ownership (an aliasing shared_ptr) and points into it.
    std::shared_ptr<SemLock> m_semlock;
    const Variant* m_variant;
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
    requires std::constructible_from<AnyLock, const L&> LockArg(const L& lock)
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
