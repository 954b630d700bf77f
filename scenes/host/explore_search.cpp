// SPDX-License-Identifier: MIT
#include "explore_search.h"

#include <algorithm>

namespace mpstage {

namespace {
bool contains(const std::vector<std::uint32_t>& v, std::uint32_t x)
{
    return std::find(v.begin(), v.end(), x) != v.end();
}
} // namespace

DfsSearch::DfsSearch(int bound)
    : m_bound(bound)
{
}

bool DfsSearch::preempts(const Point& p, std::uint32_t choice)
{
    return p.last != 0 && choice != p.last && contains(p.enabled, p.last);
}

std::uint32_t DfsSearch::choose(const std::vector<std::uint32_t>& enabled, std::uint32_t last)
{
    if (m_at < m_prefix) {
        const Point& p = m_points[m_at];
        if (p.enabled == enabled && p.last == last) {
            ++m_at;
            return p.chosen;
        }
        // The run did not come back to the choice it was replayed to: what lies below is a different tree.
        m_runDiverged = true;
        m_points.resize(m_at);
        m_prefix = m_at;
    }
    int before = 0;
    if (!m_points.empty())
        before = m_points.back().preemptionsBefore + (preempts(m_points.back(), m_points.back().chosen) ? 1 : 0);
    // Past the prefix: no preemption (the last one goes on while it can), else the lowest-numbered one.
    const std::uint32_t choice = contains(enabled, last) ? last : enabled.front();
    m_points.push_back(Point { enabled, last, choice, { choice }, before });
    ++m_at;
    return choice;
}

int DfsSearch::used() const
{
    if (m_points.empty())
        return 0;
    const Point& p = m_points.back();
    return p.preemptionsBefore + (preempts(p, p.chosen) ? 1 : 0);
}

bool DfsSearch::nextRun()
{
    if (m_at < m_prefix) { // the run ended before it reached the end of its prefix
        m_runDiverged = true;
        m_points.resize(m_at);
    }
    m_points.resize(std::min(m_points.size(), m_at));
    if (m_runDiverged)
        ++m_diverged;
    m_runDiverged = false;
    m_at = 0;
    for (std::size_t i = m_points.size(); i-- > 0;) {
        Point& p = m_points[i];
        for (const std::uint32_t a : p.enabled) {
            if (contains(p.tried, a) || p.preemptionsBefore + (preempts(p, a) ? 1 : 0) > m_bound)
                continue;
            p.tried.push_back(a);
            p.chosen = a;
            m_points.resize(i + 1);
            m_prefix = i + 1;
            return true;
        }
    }
    m_points.clear();
    m_prefix = 0;
    m_complete = true;
    return false;
}

IterativeDfsSearch::IterativeDfsSearch(int bound)
    : m_bound(bound)
{
}

std::uint32_t IterativeDfsSearch::choose(const std::vector<std::uint32_t>& enabled, std::uint32_t last)
{
    return m_level.choose(enabled, last);
}

bool IterativeDfsSearch::nextRun()
{
    m_levelAddedAny = m_levelAddedAny || isNew();
    if (m_level.nextRun())
        return true;
    // A schedule with k + 1 preemptions would have one with k before it (its last preemption not taken): a
    // level that added nothing is the last.
    if (m_current >= m_bound || !m_levelAddedAny) {
        m_complete = true;
        return false;
    }
    m_diverged += m_level.diverged();
    m_level = DfsSearch(++m_current);
    m_levelAddedAny = false;
    return true;
}

PctSearch::PctSearch(std::uint64_t seed, int runs, int changes)
    : m_random(seed)
    , m_runsLeft(runs - 1)
    , m_changes(changes)
{
    plan();
}

void PctSearch::plan()
{
    m_step = 0;
    m_priority.clear();
    m_lowest = 0;
    m_changesUsed = 0;
    m_changeAt.clear();
    std::uniform_int_distribution<std::size_t> at(0, m_longest - 1);
    for (int i = 0; i < m_changes; ++i)
        m_changeAt.push_back(at(m_random));
}

std::uint32_t PctSearch::choose(const std::vector<std::uint32_t>& enabled, std::uint32_t /*last*/)
{
    auto priority = [&](std::uint32_t actor) -> double& {
        for (auto& [a, p] : m_priority)
            if (a == actor)
                return p;
        // A newcomer ranks above every lowered one, at a random place among the others.
        std::uniform_real_distribution<double> initial(1.0, 2.0);
        return m_priority.emplace_back(actor, initial(m_random)).second;
    };
    auto highest = [&] {
        std::uint32_t best = enabled.front();
        for (const std::uint32_t a : enabled)
            if (priority(a) > priority(best))
                best = a;
        return best;
    };
    std::uint32_t pick = highest();
    for (const std::size_t c : m_changeAt) {
        if (c != m_step)
            continue;
        m_lowest -= 1;
        priority(pick) = m_lowest;
        ++m_changesUsed;
        pick = highest();
    }
    ++m_step;
    m_longest = std::max(m_longest, m_step);
    return pick;
}

bool PctSearch::nextRun()
{
    if (m_runsLeft <= 0)
        return false;
    --m_runsLeft;
    plan();
    return true;
}

} // namespace mpstage
