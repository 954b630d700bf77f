// SPDX-License-Identifier: MIT
// The World's actors: lifecycle, prints, listing lines, and what each thread is doing (running, blocked,
// paused at a gate).
#include <mp/telemetry/world.h>

#include <mp/telemetry/event_views.h>

#include <algorithm>

namespace mp::telemetry {

bool Actor::pausedAnywhere() const
{
    return status == ActorStatus::AtGate || std::any_of(feeders.begin(), feeders.end(), [](const FeederLane& f) {
        return f.status == ActorStatus::AtGate;
    });
}

const FeederLane* Actor::feederFor(ObjectId queue) const
{
    for (const FeederLane& f : feeders)
        if (f.queue == queue)
            return &f;
    return nullptr;
}

Actor& World::actorSlot(ActorId id)
{
    if (id.value > m_actors.size()) {
        const std::size_t from = m_actors.size();
        m_actors.resize(id.value);
        for (std::size_t i = from; i < m_actors.size(); ++i)
            m_actors[i].id = ActorId { static_cast<std::uint32_t>(i + 1) };
    }
    return m_actors[id.value - 1];
}

LaneState& World::lane(Actor& actor, std::uint16_t thread)
{
    if (thread == 0)
        return actor;
    for (FeederLane& f : actor.feeders)
        if (f.thread == thread)
            return f;
    FeederLane& added = actor.feeders.emplace_back();
    added.thread = thread;
    return added;
}

void World::noteSeq(const Event& e)
{
    Actor& a = actorSlot(e.actor);
    if (e.seq > a.nextSeq)
        a.missedFrames += e.seq - a.nextSeq;
    a.nextSeq = std::max(a.nextSeq, e.seq + 1);
}

void World::applyRun(const Event& e)
{
    if (e.type == EventType::RunEnded) {
        m_run.ended = true;
        m_run.outcome = as<RunEnded>(e).words;
        return;
    }
    const auto v = as<RunStarted>(e);
    m_run.started = true;
    m_run.scene = v.scene;
    m_run.parameters = v.parameters;
    m_run.detail = v.detail;
    m_run.startNs = e.timeNs;
}

void World::applyActor(const Event& e)
{
    if (!e.actor)
        return;
    Actor& a = actorSlot(e.actor);
    switch (e.type) {
    case EventType::ActorStarted: {
        const auto v = as<ActorStarted>(e);
        a.name = v.name;
        a.pid = v.pid;
        a.parent = v.parent;
        a.startedNs = e.timeNs;
        if (a.parent)
            m_endpoints.inherit(e.actor, a.parent, ForkPoint { .parentSeq = v.parentSeq, .timeNs = e.timeNs });
        return;
    }
    case EventType::Line:
        a.line = as<Line>(e).line;
        return;
    default:
        return applyPrint(a, e);
    }
}

// Print events carry chunks as the actor's pipe delivered them: lines are cut and joined here.
void World::applyPrint(Actor& a, const Event& e)
{
    const auto v = as<Print>(e);
    const auto stream = static_cast<std::uint8_t>(v.toStderr ? 2 : 1);
    std::string_view rest = v.text;
    while (!rest.empty()) {
        const std::size_t newline = rest.find('\n');
        const std::string_view piece = rest.substr(0, newline);
        if (a.prints.empty() || a.prints.back().complete || a.prints.back().stream != stream) {
            a.prints.push_back(PrintLine { .stream = stream, .timeNs = e.timeNs });
            ++a.printedLines;
        }
        a.prints.back().text += piece;
        if (newline == std::string_view::npos)
            break;
        a.prints.back().complete = true;
        rest.remove_prefix(newline + 1);
    }
    while (a.prints.size() > m_limits.printLines)
        a.prints.pop_front();
}

void World::applyLane(const Event& e)
{
    if (!e.actor)
        return;
    Actor& a = actorSlot(e.actor);
    if (a.status == ActorStatus::Exited)
        return;
    LaneState& l = lane(a, e.thread);
    switch (e.type) {
    case EventType::Blocked: {
        const auto v = as<Blocked>(e);
        BlockedOn on {
            .object = v.object, .operation = v.operation, .joined = v.joined, .sinceNs = e.timeNs, .timed = v.timed
        };
        if (l.staleBlocked && l.staleBlocked->object == on.object && l.staleBlocked->operation == on.operation) {
            l.staleBlocked.reset(); // the late report of a wait that has already ended
            return;
        }
        l.status = ActorStatus::Blocked;
        l.blocked = std::move(on);
        return;
    }
    case EventType::Unblocked:
        if (l.status == ActorStatus::Blocked) {
            l.status = ActorStatus::Running;
            l.blocked = {};
        } else { // its Blocked lost the race to the thread's own Unblocked and comes next
            l.staleBlocked = BlockedOn { .object = e.object, .operation = as<Unblocked>(e).operation };
        }
        return;
    case EventType::GateWaiting: {
        const auto v = as<GateWaiting>(e);
        l.status = ActorStatus::AtGate;
        l.gate = GateStop { .where = v.where, .micro = v.micro, .sinceNs = e.timeNs };
        return;
    }
    default: // GatePassed
        if (l.status == ActorStatus::AtGate)
            l.status = ActorStatus::Running;
        l.gate = {};
        return;
    }
}

// The reaper reports the exit and whose it is; older streams named the actor only by its name.
void World::applyExit(const Event& e)
{
    const auto v = as<ActorExited>(e);
    ActorId target = v.exited;
    if (!target) {
        target = e.actor;
        for (const Actor& candidate : m_actors)
            if (candidate.known && candidate.name == v.name && candidate.status != ActorStatus::Exited)
                target = candidate.id;
    }
    if (!target)
        return;
    Actor& a = actorSlot(target);
    a.known = true;
    if (a.name.empty())
        a.name = v.name;
    a.status = ActorStatus::Exited;
    a.blocked = {};
    a.gate = {};
    a.exitCode = v.code;
    a.exitedNs = e.timeNs;
    for (FeederLane& f : a.feeders) {
        if (f.status == ActorStatus::Blocked && f.blocked.operation == "feed")
            if (const auto q = m_queues.find(f.blocked.object); q != m_queues.end())
                q->second.writeCutShort(target);
        f.status = ActorStatus::Exited;
        f.blocked = {};
        f.gate = {};
    }
    m_endpoints.exited(target, e.timeNs);
    for (auto& [id, q] : m_queues)
        q.producerExited(target);
    for (auto& [id, l] : m_locks)
        l.actorExited(target);
}

} // namespace mp::telemetry
