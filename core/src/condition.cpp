// SPDX-License-Identifier: MIT
#include <mp/condition.h>
#include <mp/errors.h>

#include "actor/probe.h"
#include "posix_call.h"
#include "shared_block.h"

#include <algorithm>
#include <optional>

namespace mp {

double monotonic_seconds()
{
    return detail::monotonic();
}

namespace probe = telemetry::probe;

namespace {
// The parts of a Condition, Event or Barrier are not objects of their own on the stage.
Semaphore quietSemaphore()
{
    probe::Quiet quiet;
    return Semaphore(0);
}
template <typename L> L quietLock()
{
    probe::Quiet quiet;
    return L();
}
// Event's Condition has a Lock (ctx.Condition(ctx.Lock())), Barrier's the default RLock (ctx.Condition()):
// an action, which runs with it held, may call abort() or reset(), which take it again.
template <typename L> Condition quietCondition()
{
    probe::Quiet quiet;
    return Condition(quietLock<L>());
}
} // namespace

Condition::Condition()
    : Condition(quietLock<RLock>())
{
}

Condition::Condition(SemLock lock)
    : m_lock(std::move(lock))
    , m_sleeping(quietSemaphore())
    , m_woken(quietSemaphore())
    , m_wait(quietSemaphore())
    , m_object(probe::created(telemetry::ObjectKind::Condition, 0))
{
}

bool Condition::wait(Timeout timeout)
{
    if (!m_lock.is_mine())
        throw AssertionError("must acquire() condition before using wait()");
    m_sleeping.release();
    const int count = m_lock.count();
    for (int i = 0; i < count; ++i)
        m_lock.release();
    bool notified = false;
    try {
        std::optional<probe::Blocking> blocking;
        if (m_object)
            blocking.emplace(m_object, "wait", probe::until(timeout));
        notified = m_wait.acquire(true, timeout);
    } catch (...) {
        m_woken.release();
        for (int i = 0; i < count; ++i)
            m_lock.acquire();
        throw;
    }
    m_woken.release();
    for (int i = 0; i < count; ++i)
        m_lock.acquire();
    return notified;
}

void Condition::notify(int n)
{
    if (!m_lock.is_mine())
        throw AssertionError("lock is not owned");
    // Account for waiters that timed out since the last notify: each of them released `woken` on its own.
    while (m_woken.acquire(false))
        m_sleeping.acquire(false);
    int sleepers = 0;
    while (sleepers < n && m_sleeping.acquire(false)) {
        m_wait.release();
        ++sleepers;
    }
    if (sleepers) {
        for (int i = 0; i < sleepers; ++i)
            m_woken.acquire();
        while (m_wait.acquire(false)) { }
    }
}

void Condition::notify_all()
{
    notify(2147483647);
}

Event::Event()
    : m_cond(quietCondition<Lock>())
    , m_flag(quietSemaphore())
    , m_object(probe::created(telemetry::ObjectKind::Event, 0))
{
}

bool Event::is_set()
{
    Guard g(m_cond);
    if (m_flag.acquire(false)) {
        m_flag.release();
        return true;
    }
    return false;
}

void Event::set()
{
    Guard g(m_cond);
    m_flag.acquire(false);
    m_flag.release();
    m_cond.notify_all();
}

void Event::clear()
{
    Guard g(m_cond);
    m_flag.acquire(false);
}

bool Event::wait(Timeout timeout)
{
    probe::gate(false, "wait");
    probe::Blocking blocking(m_object, "wait", probe::until(timeout));
    Guard g(m_cond);
    if (m_flag.acquire(false))
        m_flag.release();
    else
        m_cond.wait(timeout);
    if (m_flag.acquire(false)) {
        m_flag.release();
        return true;
    }
    return false;
}

// Any number of parties, as CPython 3.11's threading.Barrier takes (it checks none): with none, wait() only ever
// times out.
Barrier::Barrier(int parties, std::function<void()> action, Timeout timeout)
    : m_cond(quietCondition<RLock>())
    , m_action(std::move(action))
    , m_timeout(timeout)
    , m_parties(parties)
    , m_object(probe::created(telemetry::ObjectKind::Barrier, std::max(parties, 0)))
{
    auto block = detail::SharedBlock::create(sizeof(Shared));
    std::size_t offset = 0;
    m_shared = detail::placeShared<Shared>(*block, offset);
    m_block = std::move(block);
}

// threading.Barrier.wait, line for line.
int Barrier::wait(Timeout timeout)
{
    if (!timeout)
        timeout = m_timeout;
    probe::gate(false, "wait");
    probe::Blocking blocking(m_object, "wait", probe::until(timeout));
    Guard g(m_cond);
    enter();
    const int index = m_shared->count;
    ++m_shared->count;
    try {
        if (index + 1 == m_parties)
            releaseAll();
        else
            waitReleased(timeout);
    } catch (...) {
        --m_shared->count;
        exit();
        throw;
    }
    --m_shared->count;
    exit();
    return index;
}

void Barrier::enter()
{
    while (m_shared->state == -1 || m_shared->state == 1)
        m_cond.wait();
    if (m_shared->state < 0)
        throw BrokenBarrierError();
}

void Barrier::releaseAll()
{
    try {
        if (m_action)
            m_action();
        m_shared->state = 1;
        m_cond.notify_all();
    } catch (...) {
        breakBarrier();
        throw;
    }
}

void Barrier::waitReleased(Timeout timeout)
{
    if (!m_cond.wait_for([this] { return m_shared->state != 0; }, timeout)) {
        breakBarrier();
        throw BrokenBarrierError();
    }
    if (m_shared->state < 0)
        throw BrokenBarrierError();
}

void Barrier::exit()
{
    if (m_shared->count == 0 && (m_shared->state == -1 || m_shared->state == 1)) {
        m_shared->state = 0;
        m_cond.notify_all();
    }
}

void Barrier::reset()
{
    Guard g(m_cond);
    if (m_shared->count > 0) {
        if (m_shared->state == 0 || m_shared->state == -2)
            m_shared->state = -1;
    } else {
        m_shared->state = 0;
    }
    m_cond.notify_all();
}

void Barrier::abort()
{
    Guard g(m_cond);
    breakBarrier();
}

void Barrier::breakBarrier()
{
    m_shared->state = -2;
    m_cond.notify_all();
}

int Barrier::n_waiting() const
{
    return m_shared->state == 0 ? m_shared->count.load() : 0;
}

bool Barrier::broken() const
{
    return m_shared->state == -2;
}

} // namespace mp
