// SPDX-License-Identifier: MIT
#include <mp/telemetry/world_lock.h>

#include <algorithm>
#include <bit>
#include <tuple>

namespace mp::telemetry {

namespace {
bool isSemaphore(ObjectKind kind)
{
    return kind == ObjectKind::Semaphore || kind == ObjectKind::BoundedSemaphore;
}
} // namespace

std::size_t WaitHistogram::bucketOf(std::uint64_t ns)
{
    if (ns < 2)
        return 0;
    const auto log2 = static_cast<std::size_t>(63 - std::countl_zero(ns));
    return std::min(log2, BUCKETS - 1);
}

void WaitHistogram::add(std::uint64_t ns)
{
    ++counts[bucketOf(ns)];
    ++samples;
    totalNs += ns;
    maxNs = std::max(maxNs, ns);
}

LockState::LockState(ObjectKind kind, std::size_t sampleLimit)
    : m_kind(kind)
    , m_sampleLimit(std::max<std::size_t>(sampleLimit, 1))
{
}

// The highest acquisition number decides: whoever made it holds the lock until that acquisition is
// released. An RLock is held while its owner has acquired it more often than released it (re-entrant
// acquisitions carry the same number).
ActorId LockState::holder() const
{
    if (isSemaphore(m_kind) || !m_lastActor)
        return {};
    if (m_kind == ObjectKind::RLock) {
        const auto it = m_net.find(m_lastActor);
        return it != m_net.end() && it->second > 0 ? m_lastActor : ActorId {};
    }
    return m_lastReleased ? ActorId {} : m_lastActor;
}

int LockState::depth() const
{
    const ActorId h = holder();
    if (!h)
        return 0;
    if (m_kind != ObjectKind::RLock)
        return 1;
    return m_net.at(h);
}

std::vector<std::pair<ActorId, int>> LockState::heldBy() const
{
    std::vector<std::pair<ActorId, int>> out;
    for (const auto& [actor, net] : m_net)
        if (net > 0)
            out.emplace_back(actor, net);
    return out;
}

void LockState::wanted(ActorId actor, std::uint64_t timeNs)
{
    if (std::any_of(m_waiters.begin(), m_waiters.end(), [&](const LockWaiter& w) { return w.actor == actor; }))
        return;
    const LockWaiter waiter { actor, timeNs };
    const auto at
        = std::upper_bound(m_waiters.begin(), m_waiters.end(), waiter, [](const LockWaiter& x, const LockWaiter& y) {
              return std::tie(x.sinceNs, x.actor) < std::tie(y.sinceNs, y.actor);
          });
    m_waiters.insert(at, waiter);
}

void LockState::stopWaiting(ActorId actor)
{
    std::erase_if(m_waiters, [&](const LockWaiter& w) { return w.actor == actor; });
}

void LockState::acquired(ActorId actor, std::int64_t acquisition, std::uint64_t waitedNs, std::uint64_t timeNs)
{
    ++m_acquired;
    stopWaiting(actor);
    int& net = m_net[actor];
    const bool reentrant = m_kind == ObjectKind::RLock && net > 0; // it already holds it: no wait to record
    ++net;
    if (net == 0)
        m_net.erase(actor);
    if (!reentrant) {
        m_waits.add(waitedNs);
        m_recent.try_emplace(acquisition, WaitSample { acquisition, actor, waitedNs });
        while (m_recent.size() > m_sampleLimit)
            m_recent.erase(m_recent.begin());
    }
    if (acquisition > m_last) {
        m_last = acquisition;
        m_lastActor = actor;
        m_lastReleased = false;
        m_lastAcquiredNs = timeNs;
    } else if (acquisition == m_last && !m_lastActor) { // its release (by another actor) came first
        m_lastActor = actor;
        m_lastAcquiredNs = timeNs;
    }
}

void LockState::released(ActorId actor, std::int64_t acquisition)
{
    ++m_released;
    if (--m_net[actor] == 0)
        m_net.erase(actor);
    if (acquisition > m_last) { // a Lock released by another process before its acquirer's frames arrived
        m_last = acquisition;
        m_lastActor = {};
        m_lastReleased = true;
    } else if (acquisition == m_last && m_kind != ObjectKind::RLock) {
        m_lastReleased = true;
    }
}

void LockState::failed(ActorId actor)
{
    ++m_failed;
    stopWaiting(actor);
}

void LockState::holderDied(std::int64_t pid)
{
    m_diedPid = pid;
    m_diedAcquisition = m_last;
}

void LockState::actorExited(ActorId actor)
{
    stopWaiting(actor);
}

} // namespace mp::telemetry
