// SPDX-License-Identifier: MIT
#include <mp/embedding.h>
#include <mp/errors.h>
#include <mp/process.h>
#include <mp/synchronize.h>

#include "actor/probe.h"
#include "futex.h"
#include "instrument.h"
#include "posix_call.h"
#include "shared_block.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <optional>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

namespace mp {

namespace detail {

struct SemLockState {
    std::atomic<std::uint32_t> value;
    std::atomic<std::uint32_t> waiters { 0 };
    std::uint32_t maxvalue;
    std::uint32_t kind;
    std::uint32_t policy;
    std::uint32_t tracksHolder; // Lock and RLock: remember who holds it, notice when that process dies
    std::atomic<std::int32_t> holderPid { 0 };
    std::atomic<std::uint32_t> holderDied { 0 };
    // Telemetry only: numbers acquisitions so the World can order holders whatever order events arrive in.
    std::atomic<std::uint64_t> acquisitions { 0 };
    std::atomic<std::uint64_t> currentAcquisition { 0 };
};
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);

namespace {
// getpid() is a system call (glibc stopped caching it), and a lock asks "which process am I?" on every acquire
// and release: remember the answer, and forget it in every child at fork.
std::atomic<pid_t> g_pid { 0 };

pid_t thisPid()
{
    const pid_t cached = g_pid.load(std::memory_order_relaxed);
    if (cached != 0)
        return cached;
    static const bool registered
        = pthread_atfork(nullptr, nullptr, [] { g_pid.store(0, std::memory_order_relaxed); }) == 0;
    const pid_t pid = ::getpid();
    if (registered)
        g_pid.store(pid, std::memory_order_relaxed);
    return pid;
}
} // namespace

// Per-process, per-lock: CPython's SemLock.count and last_tid. Valid only in the process that wrote it.
// Atomic (relaxed) because the threads of a process share it, with no GIL to serialise them: a Queue's
// feeder thread releases the semaphore its put() acquired on the main thread.
struct SemLockLocal {
    std::atomic<int> count { 0 };
    std::atomic<pid_t> pid { 0 };
    std::atomic<pthread_t> tid {};
    std::atomic<bool> ownerDied { false };
    std::atomic<bool> warned { false };

    bool current() const { return pid.load(std::memory_order_relaxed) == thisPid(); }
    // Starts afresh in a process other than the one that last used it (a forked child).
    void enter()
    {
        if (const pid_t self = thisPid(); pid.load(std::memory_order_relaxed) != self) {
            count.store(0, std::memory_order_relaxed);
            tid.store(pthread_t {}, std::memory_order_relaxed);
            ownerDied.store(false, std::memory_order_relaxed);
            warned.store(false, std::memory_order_relaxed);
            pid.store(self, std::memory_order_relaxed);
        }
    }
    int countHere() const { return current() ? count.load(std::memory_order_relaxed) : 0; }
};

} // namespace detail

namespace {

// How often a blocked waiter on a Lock/RLock looks whether the holder is still alive.
constexpr double DEAD_HOLDER_POLL_S = 0.05;

std::atomic<bool> g_deadHolderWarnings { true };

bool processGone(pid_t pid)
{
    if (pid <= 0 || pid == detail::thisPid())
        return false;
    if (kill(pid, 0) == -1 && errno == ESRCH)
        return true;
    // An exited but not yet reaped holder is a zombie: as dead as it gets for lock purposes.
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line))
        return true;
    const auto close = line.rfind(')');
    return close != std::string::npos && close + 2 < line.size() && (line[close + 2] == 'Z' || line[close + 2] == 'X');
}

} // namespace

void set_dead_holder_warnings(bool on)
{
    g_deadHolderWarnings.store(on, std::memory_order_relaxed);
}

SemLock::SemLock(Kind kind, unsigned value, unsigned maxvalue, DeadHolder policy, bool tracksHolder)
    : m_block(detail::SharedBlock::create(sizeof(detail::SemLockState)))
    , m_local(std::make_shared<detail::SemLockLocal>())
    , m_kind(kind)
    , m_tracksHolder(tracksHolder)
    , m_maxvalue(maxvalue)
{
    std::size_t offset = 0;
    m_state = detail::placeShared<detail::SemLockState>(*m_block, offset);
    m_state->value.store(value);
    m_state->maxvalue = maxvalue;
    m_state->kind = static_cast<std::uint32_t>(kind);
    m_state->policy = static_cast<std::uint32_t>(policy);
    m_state->tracksHolder = tracksHolder ? 1 : 0;
}

SemLock::Kind SemLock::kind() const
{
    return m_kind;
}

bool SemLock::is_mine() const
{
    return m_local->countHere() > 0 && pthread_equal(m_local->tid, pthread_self());
}

int SemLock::count() const
{
    return m_local->countHere();
}
int SemLock::get_value() const
{
    return static_cast<int>(m_state->value.load());
}
unsigned SemLock::maxvalue() const
{
    return m_maxvalue;
}
bool SemLock::holder_died() const
{
    return m_state->holderDied.load() != 0;
}
bool SemLock::owner_died() const
{
    return m_local->current() && m_local->ownerDied;
}
int SemLock::holder_pid() const
{
    return m_state->holderPid.load();
}

namespace {
bool tryTake(std::atomic<std::uint32_t>& value)
{
    std::uint32_t v = value.load(std::memory_order_relaxed);
    while (v > 0)
        if (value.compare_exchange_weak(v, v - 1, std::memory_order_acquire, std::memory_order_relaxed))
            return true;
    return false;
}

void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

// A blocking acquire looks again a few times before it goes to sleep: most critical sections (a queue's
// reader lock across two reads, a Value's update) end sooner than a futex sleep and wake-up take, and a
// waiter that never slept costs its releaser no wake-up call. Only timing changes: the value is taken the
// same way, and a waiter that does not get it in time sleeps as before.
constexpr int SPINS = 64;

bool spinTake(std::atomic<std::uint32_t>& value)
{
    for (int i = 0; i < SPINS; ++i) {
        if (value.load(std::memory_order_relaxed) > 0 && tryTake(value))
            return true;
        cpuRelax();
    }
    return false;
}
} // namespace

// A dead holder is only meaningful for Lock and RLock. Returns true when this waiter
// has just taken the lock over (DeadHolder::Recover).
bool SemLock::checkDeadHolder()
{
    if (!m_tracksHolder)
        return false;
    std::int32_t holder = m_state->holderPid.load();
    if (holder == 0 || !processGone(holder))
        return false;
    if (m_state->holderDied.exchange(1) == 0 || !m_local->warned)
        telemetry::probe::event(telemetry::EventType::HolderDied, m_object, holder);
    if (static_cast<DeadHolder>(m_state->policy) == DeadHolder::Recover) {
        if (m_state->holderPid.compare_exchange_strong(holder, static_cast<std::int32_t>(detail::thisPid())))
            return true;
        return false;
    }
    if (!m_local->warned) {
        m_local->warned = true; // once per waiting process, like the HolderDied event above
        if (g_deadHolderWarnings.load(std::memory_order_relaxed))
            std::fprintf(stderr,
                "mpstage: %s is waiting for a lock whose holder (pid %d) exited without releasing it; "
                "as in CPython, it will never be released.\n",
                current_process().name().c_str(), static_cast<int>(holder));
    }
    return false;
}

bool SemLock::waitForValue(double deadline, bool forever)
{
    m_state->waiters.fetch_add(1);
    bool got = false;
    bool tookOver = false;
    for (;;) {
        if (tryTake(m_state->value)) {
            got = true;
            break;
        }
        double slice = -1;
        if (!forever) {
            slice = deadline - detail::monotonic();
            if (slice <= 0)
                break;
        }
        if (m_tracksHolder)
            slice = slice < 0 ? DEAD_HOLDER_POLL_S : std::min(slice, DEAD_HOLDER_POLL_S);
        detail::futexWait(&m_state->value, 0, slice);
        if (m_tracksHolder && checkDeadHolder()) {
            got = tookOver = true;
            break;
        }
    }
    m_state->waiters.fetch_sub(1);
    m_local->ownerDied = tookOver;
    return got;
}

[[gnu::always_inline]] inline void SemLock::noteTaken(detail::SemLockLocal& local, bool released)
{
    if (released && local.ownerDied.load(std::memory_order_relaxed)) // a store only when it changes
        local.ownerDied.store(false, std::memory_order_relaxed);
    if (m_tracksHolder)
        m_state->holderPid.store(
            static_cast<std::int32_t>(local.pid.load(std::memory_order_relaxed)), std::memory_order_relaxed);
    if (m_kind == Kind::RecursiveMutex) // nobody else in this process holds it: the count is this thread's alone
        local.count.store(local.count.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    else // another thread may be releasing this semaphore (and counting down) right now
        local.count.fetch_add(1, std::memory_order_relaxed);
    local.tid.store(pthread_self(), std::memory_order_relaxed);
}

bool SemLock::acquire(bool block, Timeout timeout)
{
    detail::SemLockLocal& local = *m_local;
    local.enter();
    // Re-entering an RLock this thread already holds cannot wait and changes no holder: it is not reported,
    // which keeps `with v.get_lock(): v.value += 1` (whose read and write re-enter the lock) at one
    // acquisition on the stage and a third of the events.
    // Only the holding thread changes an RLock's count, so a plain load and store do (no locked instruction).
    if (m_kind == Kind::RecursiveMutex) {
        const int held = local.count.load(std::memory_order_relaxed);
        if (held > 0 && pthread_equal(local.tid.load(std::memory_order_relaxed), pthread_self())) {
            local.count.store(held + 1, std::memory_order_relaxed);
            return true;
        }
    }
    // The common case, kept short: an unobserved run and a free lock.
    if (!telemetry::probe::on() && tryTake(m_state->value)) {
        noteTaken(local, true);
        return true;
    }
    return acquireSlow(block, timeout);
}

// Everything but the common case: a run that is observed, a lock that is taken (spin, then sleep), a timeout.
[[gnu::noinline]] bool SemLock::acquireSlow(bool block, Timeout timeout)
{
    namespace probe = telemetry::probe;
    detail::SemLockLocal& local = *m_local;
    const bool report = m_reportsLockEvents && probe::on();
    // The wait goes into LockAcquired.a, which only a `full` run encodes (a `counters` run just counts it):
    // from LockWanted's timestamp (or the end of the write that reporting it caused) to LockAcquired's.
    std::uint64_t t0 = 0;
    if (report) {
        probe::gate(false, "acquire");
        t0 = probe::timedEvent(telemetry::EventType::LockWanted, m_object);
    }
    const bool timed = report && probe::full() && t0 != 0;
    bool got = tryTake(m_state->value);
    bool released = got; // taken after a release, not over from a dead holder
    if (!got && block) {
        const bool forever = !timeout.has_value();
        if ((forever || *timeout > 0) && spinTake(m_state->value)) {
            got = released = true;
        } else {
            const double deadline = forever ? 0.0 : detail::monotonic() + std::max(0.0, *timeout);
            // A part of a Condition/Event/Barrier has no id of its own: the compound reports the wait.
            std::optional<probe::Blocking> blocking;
            if (m_object)
                blocking.emplace(m_object, m_blockOp, forever ? probe::Until::Forever : probe::Until::Timeout);
            detail::Waiting waiting; // also when no telemetry reports it
            got = waitForValue(deadline, forever); // sets ownerDied
        }
    }
    if (!got) {
        if (report)
            probe::event(telemetry::EventType::LockFailed, m_object);
        return false;
    }
    noteTaken(local, released);
    if (probe::on()) {
        const std::uint64_t acquisition = m_state->acquisitions.fetch_add(1) + 1;
        m_state->currentAcquisition.store(acquisition, std::memory_order_relaxed); // released after this: ordered
        if (timed) // the wait ends at LockAcquired's own timestamp
            probe::waitedEvent(
                telemetry::EventType::LockAcquired, m_object, t0, static_cast<std::int64_t>(acquisition));
        else if (report)
            probe::event(telemetry::EventType::LockAcquired, m_object, 0, static_cast<std::int64_t>(acquisition));
    }
    return true;
}

void SemLock::release()
{
    detail::SemLockLocal& local = *m_local;
    local.enter();
    const bool recursive = m_kind == Kind::RecursiveMutex;
    if (recursive) {
        const int held = local.count.load(std::memory_order_relaxed);
        if (held <= 0 || !pthread_equal(local.tid.load(std::memory_order_relaxed), pthread_self()))
            throw AssertionError("attempt to release recursive lock not owned by thread");
        if (held > 1) {
            local.count.store(held - 1, std::memory_order_relaxed); // only the holder changes it
            return;
        }
    } else if (m_state->value.load() >= m_maxvalue) { // a Semaphore's maxvalue too: SEM_VALUE_MAX
        throw ValueError("semaphore or lock released too many times");
    }
    if (m_reportsLockEvents && telemetry::probe::on()) // reported while still held: before the next holder's acquire
        reportReleased();
    if (m_tracksHolder)
        m_state->holderPid.store(0, std::memory_order_relaxed); // ordered before the release below
    // An RLock's count drops to 0 while this thread still holds it, so the next holder in this process (after
    // the release below) finds 0 and only ever sees its own plain stores.
    if (recursive)
        local.count.store(0, std::memory_order_relaxed);
    m_state->value.fetch_add(1, std::memory_order_release);
    if (m_state->waiters.load() > 0)
        detail::futexWake(&m_state->value, 1);
    if (!recursive) // below 0 in a process that released more than it acquired, as CPython's count goes
        local.count.fetch_sub(1, std::memory_order_relaxed);
}

[[gnu::noinline]] void SemLock::reportReleased() const
{
    telemetry::probe::event(
        telemetry::EventType::LockReleased, m_object, 0, static_cast<std::int64_t>(m_state->currentAcquisition.load()));
}

namespace {
std::string ownerName()
{
    std::string name = current_process().name();
    if (gettid() != getpid())
        name += "|Thread";
    return name;
}
} // namespace

Lock::Lock(DeadHolder policy)
    : SemLock(Kind::Semaphore, 1, 1, policy, true)
{
    detail::Instrument::announce(*this, telemetry::ObjectKind::Lock, 1);
}

std::string Lock::repr() const
{
    std::string name;
    if (is_mine())
        name = ownerName();
    else if (get_value() == 1)
        name = "None";
    else if (count() > 0)
        name = "SomeOtherThread";
    else
        name = "SomeOtherProcess";
    return "<Lock(owner=" + name + ")>";
}

RLock::RLock(DeadHolder policy)
    : SemLock(Kind::RecursiveMutex, 1, 1, policy, true)
{
    detail::Instrument::announce(*this, telemetry::ObjectKind::RLock, 1);
}

std::string RLock::repr() const
{
    if (is_mine())
        return "<RLock(" + ownerName() + ", " + std::to_string(count()) + ")>";
    if (get_value() == 1)
        return "<RLock(None, 0)>";
    return std::string("<RLock(") + (count() > 0 ? "SomeOtherThread" : "SomeOtherProcess") + ", nonzero)>";
}

namespace {
unsigned checkedInitial(int value)
{
    if (value < 0)
        raise_os_error(EINVAL);
    return static_cast<unsigned>(value);
}
} // namespace

Semaphore::Semaphore(int value)
    : SemLock(Kind::Semaphore, checkedInitial(value), MAX_SEMAPHORE_VALUE, DeadHolder::Wait, false)
{
    detail::Instrument::announce(*this, telemetry::ObjectKind::Semaphore, value);
}

std::string Semaphore::repr() const
{
    return "<Semaphore(value=" + std::to_string(get_value()) + ")>";
}

BoundedSemaphore::BoundedSemaphore(int value)
    : SemLock(Kind::Semaphore, checkedInitial(value), checkedInitial(value), DeadHolder::Wait, false)
{
    detail::Instrument::announce(*this, telemetry::ObjectKind::BoundedSemaphore, value);
}

std::string BoundedSemaphore::repr() const
{
    return "<BoundedSemaphore(value=" + std::to_string(get_value()) + ", maxvalue=" + std::to_string(maxvalue()) + ")>";
}

} // namespace mp
