// SPDX-License-Identifier: MIT
#pragma once
// One Lock, RLock or semaphore: who holds it, who queues for it and how long acquisitions waited. The
// holder is decided by the lock's acquisition number, not by arrival order: frames of the releasing and of
// the acquiring process may arrive either way round. Mirrors synchronize.py's SemLock family; as there, a
// Lock whose holder dies is never released.

#include <mp/telemetry/event.h>

#include <array>
#include <cstdint>
#include <map>
#include <vector>

namespace mp::telemetry {

struct LockWaiter {
    ActorId actor;
    std::uint64_t sinceNs = 0;

    friend bool operator==(const LockWaiter&, const LockWaiter&) = default;
};

// Wait times in power-of-two buckets: bucket i counts waits in [2^i, 2^(i+1)) ns (bucket 0 also counts 0).
struct WaitHistogram {
    static constexpr std::size_t BUCKETS = 40; // up to ~18 minutes
    std::array<std::uint64_t, BUCKETS> counts {};
    std::uint64_t samples = 0;
    std::uint64_t totalNs = 0;
    std::uint64_t maxNs = 0;

    static std::size_t bucketOf(std::uint64_t ns);
    void add(std::uint64_t ns);
    friend bool operator==(const WaitHistogram&, const WaitHistogram&) = default;
};

struct WaitSample {
    std::int64_t acquisition = 0;
    ActorId actor;
    std::uint64_t waitedNs = 0;

    friend bool operator==(const WaitSample&, const WaitSample&) = default;
};

class LockState {
public:
    explicit LockState(ObjectKind kind = ObjectKind::Lock, std::size_t sampleLimit = 1024);

    // Lock and RLock: the holder (0 if free) and, for an RLock, how deep it holds it.
    ActorId holder() const;
    int depth() const;
    std::uint64_t heldSinceNs() const { return holder() ? m_lastAcquiredNs : 0; }
    std::int64_t acquisition() const { return m_last; }
    // Semaphores: every actor that acquired more often than it released.
    std::vector<std::pair<ActorId, int>> heldBy() const;
    // A waiter reported that the holder (this pid) died holding it, and no one has acquired it since.
    std::int64_t holderDiedPid() const { return m_diedAcquisition == m_last ? m_diedPid : 0; }

    // Actors waiting for it, longest waiting first.
    const std::vector<LockWaiter>& waiters() const { return m_waiters; }
    const WaitHistogram& waitTimes() const { return m_waits; }
    // The last few acquisitions' waits, by acquisition number.
    const std::map<std::int64_t, WaitSample>& recentWaits() const { return m_recent; }
    std::uint64_t acquisitions() const { return m_acquired; }
    std::uint64_t releases() const { return m_released; }
    std::uint64_t failures() const { return m_failed; }

    void wanted(ActorId actor, std::uint64_t timeNs);
    void acquired(ActorId actor, std::int64_t acquisition, std::uint64_t waitedNs, std::uint64_t timeNs);
    void released(ActorId actor, std::int64_t acquisition);
    void failed(ActorId actor);
    void holderDied(std::int64_t pid);
    void actorExited(ActorId actor);

    friend bool operator==(const LockState&, const LockState&) = default;

private:
    void stopWaiting(ActorId actor);

    ObjectKind m_kind;
    std::size_t m_sampleLimit;
    std::int64_t m_last = 0; // the highest acquisition number seen
    ActorId m_lastActor; // who made it (0 while only its release has arrived)
    bool m_lastReleased = false;
    std::uint64_t m_lastAcquiredNs = 0;
    std::map<ActorId, int> m_net; // acquisitions minus releases, per actor
    std::int64_t m_diedAcquisition = -1;
    std::int64_t m_diedPid = 0;
    std::vector<LockWaiter> m_waiters;
    WaitHistogram m_waits;
    std::map<std::int64_t, WaitSample> m_recent;
    std::uint64_t m_acquired = 0;
    std::uint64_t m_released = 0;
    std::uint64_t m_failed = 0;
};

} // namespace mp::telemetry
