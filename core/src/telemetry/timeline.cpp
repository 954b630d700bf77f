// SPDX-License-Identifier: MIT
#include <mp/telemetry/timeline.h>

#include <algorithm>

namespace mp::telemetry {

Timeline::Timeline(std::size_t snapshotEvery, std::size_t maxSnapshots, WorldLimits limits)
    : m_current(limits)
    , m_interval(std::max<std::size_t>(snapshotEvery, 1))
    , m_maxSnapshots(std::max<std::size_t>(maxSnapshots, 2))
{
    m_snapshots.push_back(m_current);
}

void Timeline::append(Event event)
{
    m_current.apply(event);
    m_events.push_back(std::move(event));
    if (m_events.size() % m_interval == 0) {
        m_snapshots.push_back(m_current);
        if (m_snapshots.size() > m_maxSnapshots)
            thinOut();
    }
}

void Timeline::thinOut()
{
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m_snapshots.size(); i += 2)
        m_snapshots[kept++] = std::move(m_snapshots[i]);
    m_snapshots.resize(kept);
    m_interval *= 2;
}

World Timeline::worldAt(std::size_t k) const
{
    k = std::min(k, m_events.size());
    const std::size_t snapshot = std::min(k / m_interval, m_snapshots.size() - 1);
    World world = m_snapshots[snapshot];
    for (std::size_t i = snapshot * m_interval; i < k; ++i)
        world.apply(m_events[i]);
    return world;
}

} // namespace mp::telemetry
