// SPDX-License-Identifier: MIT
#pragma once
// A recorded run: every event in arrival order, plus snapshots of the state folded from them every N events,
// so that "the state at event k" (for scrubbing and replay) costs one copy and at most N applies instead of a
// replay from the start. Long runs thin the snapshots out (every other one is dropped and N doubles), so
// memory stays bounded by maxSnapshots states however long the run; past maxEvents the events are still
// applied to current() but no longer kept (then complete() is false and the history ends at size()).
//
// History<State> works for any State with apply(const Event&) and a copy: the World here (Timeline), the
// app's RunState there.

#include <mp/telemetry/world.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace mp::telemetry {

template <class State> class History {
public:
    explicit History(State initial, std::size_t snapshotEvery = 1024, std::size_t maxSnapshots = 512,
        std::size_t maxEvents = std::numeric_limits<std::size_t>::max())
        : m_current(std::move(initial))
        , m_interval(std::max<std::size_t>(snapshotEvery, 1))
        , m_maxSnapshots(std::max<std::size_t>(maxSnapshots, 2))
        , m_maxEvents(maxEvents)
    {
        m_snapshots.push_back(m_current);
    }

    void append(Event event)
    {
        m_current.apply(event);
        if (m_events.size() >= m_maxEvents) {
            ++m_notKept;
            return;
        }
        m_events.push_back(std::move(event));
        if (m_events.size() % m_interval == 0) {
            m_snapshots.push_back(m_current);
            if (m_snapshots.size() > m_maxSnapshots)
                thinOut();
        }
    }

    // The events kept (all of them unless more than maxEvents arrived).
    std::size_t size() const { return m_events.size(); }
    const Event& event(std::size_t index) const { return m_events.at(index); }
    const std::vector<Event>& events() const { return m_events; }
    bool complete() const { return m_notKept == 0; }
    std::uint64_t notKept() const { return m_notKept; }
    // The state after every event so far (kept or not).
    const State& current() const { return m_current; }
    // The state after the first k kept events (k is clamped to size()); equal to applying them from scratch.
    State stateAt(std::size_t k) const
    {
        k = std::min(k, m_events.size());
        if (k == m_events.size() && complete())
            return m_current;
        const std::size_t snapshot = std::min(k / m_interval, m_snapshots.size() - 1);
        State state = m_snapshots[snapshot];
        for (std::size_t i = snapshot * m_interval; i < k; ++i)
            state.apply(m_events[i]);
        return state;
    }

    std::size_t snapshotInterval() const { return m_interval; }
    std::size_t snapshotCount() const { return m_snapshots.size(); }

private:
    void thinOut()
    {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < m_snapshots.size(); i += 2)
            m_snapshots[kept++] = std::move(m_snapshots[i]);
        m_snapshots.resize(kept);
        m_interval *= 2;
    }

    std::vector<Event> m_events;
    std::vector<State> m_snapshots; // [i]: the state after i * m_interval events
    State m_current;
    std::size_t m_interval;
    std::size_t m_maxSnapshots;
    std::size_t m_maxEvents;
    std::uint64_t m_notKept = 0;
};

// The World's history: what the headless tools and the golden tests scrub.
class Timeline : public History<World> {
public:
    explicit Timeline(std::size_t snapshotEvery = 1024, std::size_t maxSnapshots = 512, WorldLimits limits = {})
        : History<World>(World(limits), snapshotEvery, maxSnapshots)
    {
    }
    // The World after the first k events (k is clamped to size()); equal to replaying them from scratch.
    World worldAt(std::size_t k) const { return stateAt(k); }
};

} // namespace mp::telemetry
