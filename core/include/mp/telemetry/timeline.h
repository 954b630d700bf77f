// SPDX-License-Identifier: MIT
#pragma once
// A recorded run: every event in arrival order, plus World snapshots every N events so that "the World at
// event k" (for scrubbing and replay) costs one copy and at most N applies instead of a replay from the
// start. Long runs thin the snapshots out (every other one is dropped and N doubles), so memory stays
// bounded by maxSnapshots Worlds however long the run.

#include <mp/telemetry/world.h>

#include <cstddef>
#include <vector>

namespace mp::telemetry {

class Timeline {
public:
    explicit Timeline(std::size_t snapshotEvery = 1024, std::size_t maxSnapshots = 512, WorldLimits limits = {});

    void append(Event event);

    std::size_t size() const { return m_events.size(); }
    const Event& event(std::size_t index) const { return m_events.at(index); }
    const std::vector<Event>& events() const { return m_events; }
    // The World after every event so far.
    const World& current() const { return m_current; }
    // The World after the first k events (k is clamped to size()); equal to replaying them from scratch.
    World worldAt(std::size_t k) const;

    std::size_t snapshotInterval() const { return m_interval; }
    std::size_t snapshotCount() const { return m_snapshots.size(); }

private:
    void thinOut();

    std::vector<Event> m_events;
    std::vector<World> m_snapshots; // [i]: the World after i * m_interval events
    World m_current;
    std::size_t m_interval;
    std::size_t m_maxSnapshots;
};

} // namespace mp::telemetry
