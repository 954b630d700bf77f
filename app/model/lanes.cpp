// SPDX-License-Identifier: MIT
#include "model/lanes.h"

#include <mp/telemetry/event_views.h>

#include <algorithm>

namespace mpstage::timeline {

using namespace mp::telemetry;

Lanes::Lanes(std::size_t maxEvents, std::size_t maxMarksPerLane)
    : m_maxEvents(maxEvents)
    , m_maxMarks(maxMarksPerLane)
{
}

Lane& Lanes::lane(ActorId actor)
{
    for (Lane& l : m_lanes)
        if (l.actor == actor)
            return l;
    // lanes in actor order (MainProcess, then its children as they were started)
    auto at = std::find_if(m_lanes.begin(), m_lanes.end(), [&](const Lane& other) { return actor < other.actor; });
    Lane& l = *m_lanes.emplace(at);
    l.actor = actor;
    l.name = actor.value == 1 ? "MainProcess" : "actor " + std::to_string(actor.value);
    l.started = m_latest;
    return l;
}

void Lanes::mark(Lane& l, std::uint64_t at, MarkKind kind)
{
    if (l.marks.size() >= m_maxMarks) {
        ++l.marksNotKept;
        return;
    }
    const Mark m { at, kind };
    if (l.marks.empty() || l.marks.back().at <= at)
        l.marks.push_back(m);
    else // arrived late: keep the marks in time order
        l.marks.insert(std::upper_bound(l.marks.begin(), l.marks.end(), at,
                           [](std::uint64_t t, const Mark& other) { return t < other.at; }),
            m);
}

void Lanes::open(Lane& l, std::uint64_t at, SpanKind kind, const std::string& what)
{
    std::size_t& index = kind == SpanKind::Blocked ? l.openBlocked
        : kind == SpanKind::AtGate                 ? l.openGate
                                                   : l.openHolding;
    end(l, index, at);
    if (l.spans.size() >= m_maxMarks) {
        ++l.marksNotKept;
        return;
    }
    index = l.spans.size();
    l.spans.push_back(Span { at, 0, kind, what });
}

void Lanes::end(Lane& l, std::size_t& index, std::uint64_t at)
{
    if (index == Lane::NONE)
        return;
    Span& s = l.spans[index];
    s.to = std::max(at, s.from + 1);
    index = Lane::NONE;
}

void Lanes::close(Lane& l, std::uint64_t at)
{
    end(l, l.openBlocked, at);
    end(l, l.openGate, at);
    end(l, l.openHolding, at);
    l.holds = 0;
}

void Lanes::apply(const Event& e)
{
    if (!m_started) {
        m_started = true;
        m_origin = e.timeNs;
    }
    const std::uint64_t at = e.timeNs > m_origin ? e.timeNs - m_origin : 0;
    m_latest = std::max(m_latest, at);
    if (m_times.size() < m_maxEvents)
        m_times.push_back(m_latest);

    switch (e.type) {
    case EventType::ActorStarted: {
        // The new process's own lane (its first event may come before or after this one).
        Lane& l = lane(e.actor);
        l.name = as<ActorStarted>(e).name;
        l.started = std::min(l.started, at);
        return;
    }
    case EventType::ActorExited: {
        Lane& l = lane(as<ActorExited>(e).exited);
        l.exited = std::max<std::uint64_t>(at, 1);
        close(l, at);
        return;
    }
    case EventType::RunEnded:
        for (Lane& l : m_lanes) {
            close(l, at);
            if (l.exited == 0)
                l.exited = std::max<std::uint64_t>(at, 1);
        }
        return;
    default:
        break;
    }
    if (e.actor.value == 0)
        return;
    Lane& l = lane(e.actor);
    switch (e.type) {
    case EventType::Blocked:
        if (e.thread == 0) // a feeder thread waiting is not its process waiting
            open(l, at, SpanKind::Blocked, as<Blocked>(e).operation);
        break;
    case EventType::GateWaiting:
        open(l, at, SpanKind::AtGate, as<GateWaiting>(e).where);
        break;
    case EventType::Unblocked:
        if (e.thread == 0)
            end(l, l.openBlocked, at);
        break;
    case EventType::GatePassed:
        end(l, l.openGate, at);
        break;
    case EventType::PutCalled:
        mark(l, at, MarkKind::Put);
        break;
    case EventType::GetReturned:
        mark(l, at, MarkKind::Get);
        break;
    case EventType::Send:
        mark(l, at, MarkKind::Send);
        break;
    case EventType::Recv:
        mark(l, at, MarkKind::Recv);
        break;
    case EventType::Eof:
        mark(l, at, MarkKind::Eof);
        break;
    case EventType::LockAcquired:
        mark(l, at, MarkKind::Grant);
        if (e.thread == 0 && l.holds++ == 0)
            open(l, at, SpanKind::Holding, std::to_string(e.object.value));
        break;
    case EventType::LockReleased:
        if (e.thread == 0 && l.holds > 0 && --l.holds == 0)
            end(l, l.openHolding, at);
        break;
    default:
        break;
    }
}

void Lanes::markHang()
{
    for (Lane& l : m_lanes)
        if (l.exited == 0)
            mark(l, m_latest, MarkKind::Hang);
}

std::size_t Lanes::eventsUntil(std::uint64_t at) const
{
    return static_cast<std::size_t>(std::upper_bound(m_times.begin(), m_times.end(), at) - m_times.begin());
}

} // namespace mpstage::timeline
