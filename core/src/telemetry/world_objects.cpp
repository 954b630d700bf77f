// SPDX-License-Identifier: MIT
// The World's objects: creation and labels, endpoints, and the per-kind states (queues, pipes, locks,
// values, counters) the events update.
#include <mp/telemetry/world.h>

#include "object_kinds.h"
#include <mp/telemetry/event_views.h>

#include <algorithm>

namespace mp::telemetry {

ObjectInfo& World::objectSlot(ObjectId id)
{
    if (id.value > m_objects.size()) {
        const std::size_t from = m_objects.size();
        m_objects.resize(id.value);
        for (std::size_t i = from; i < m_objects.size(); ++i)
            m_objects[i].id = ObjectId { static_cast<std::uint32_t>(i + 1) };
    }
    return m_objects[id.value - 1];
}

QueueState& World::queueSlot(ObjectId id)
{
    const ObjectInfo* info = object(id);
    return m_queues.try_emplace(id, info ? info->kind : ObjectKind::Queue, m_limits.delivered).first->second;
}

LockState& World::lockSlot(ObjectId id)
{
    const ObjectInfo* info = object(id);
    return m_locks.try_emplace(id, info ? info->kind : ObjectKind::Lock, m_limits.waitSamples).first->second;
}

void World::applyObject(const Event& e)
{
    if (!e.object)
        return;
    switch (e.type) {
    case EventType::ObjectCreated: {
        const auto v = as<ObjectCreated>(e);
        ObjectInfo& o = objectSlot(v.object);
        o.known = true;
        o.kind = v.kind;
        o.parameter = v.parameter;
        if (o.label.empty())
            o.label = v.label;
        o.creator = e.actor;
        o.createdNs = e.timeNs;
        if (isQueueKind(o.kind)) {
            queueSlot(e.object);
            m_endpoints.created(e.object, e.actor, e.seq, e.timeNs);
        } else if (o.kind == ObjectKind::Pipe) {
            m_pipes.try_emplace(e.object, m_limits.delivered);
            m_endpoints.created(e.object, e.actor, e.seq, e.timeNs);
        } else if (isLockKind(o.kind)) {
            lockSlot(e.object);
        } else if (o.kind == ObjectKind::Value || o.kind == ObjectKind::Array) {
            m_values.try_emplace(e.object);
        }
        return;
    }
    case EventType::ObjectLabel: {
        const auto v = as<ObjectLabel>(e);
        ObjectInfo& o = objectSlot(v.object);
        (v.end < 0 ? o.label : o.endNames[static_cast<std::size_t>(v.end)]) = v.name;
        return;
    }
    case EventType::EndpointClosed:
        m_endpoints.closed(e.object, as<EndpointClosed>(e).end, e.actor, e.seq, e.timeNs);
        return;
    case EventType::Eof: {
        const auto v = as<Eof>(e);
        m_endpoints.sawEof(v.pipe, v.end);
        m_endpoints.used(e.actor, v.pipe, v.end, e.seq, e.timeNs);
        return;
    }
    default: // Poll
        m_endpoints.used(e.actor, e.object, as<Poll>(e).end, e.seq, e.timeNs);
        return;
    }
}

void World::applyQueue(const Event& e)
{
    if (!e.object)
        return;
    if (e.type == EventType::FeederStarted) {
        if (e.actor && e.thread != 0) {
            Actor& a = actorSlot(e.actor);
            auto& f = static_cast<FeederLane&>(lane(a, e.thread));
            f.queue = e.object;
            f.startedNs = e.timeNs;
        }
        return;
    }
    QueueState& q = queueSlot(e.object);
    switch (e.type) {
    case EventType::PutCalled: {
        const auto v = as<PutCalled>(e);
        return q.putCalled(v.item, e.actor, v.repr, e.timeNs);
    }
    case EventType::PutBuffered:
        return q.putBuffered(as<PutBuffered>(e).item, e.actor, e.timeNs);
    case EventType::FeederWritten: {
        const auto v = as<FeederWritten>(e);
        m_endpoints.used(e.actor, v.queue, 1, e.seq, e.timeNs);
        return q.feederWritten(v.item, e.actor, v.index, e.timeNs);
    }
    case EventType::GetCalled:
        return q.getCalled(e.actor);
    case EventType::GetReturned: {
        const auto v = as<GetReturned>(e);
        m_endpoints.used(e.actor, v.queue, 0, e.seq, e.timeNs);
        return q.getReturned(v.index, e.actor, v.repr, e.timeNs);
    }
    case EventType::GetRaised:
        if (const auto v = as<GetRaised>(e); v.item) // put() raising Full reports its item
            q.putFailed(v.item);
        return;
    case EventType::EmptyAnswer:
    case EventType::QsizeAnswer:
    case EventType::FullAnswer: {
        const auto v = as<QueueAnswered>(e);
        return q.answered(v.question, v.answer, e.actor, e.timeNs);
    }
    case EventType::TaskDone:
        return q.taskDone(as<TaskDone>(e).unfinished, e.timeNs);
    case EventType::QueueClosed:
        return q.close();
    default: // JoinQueue: the waiting shows as the actor's Blocked state
        return;
    }
}

void World::applyPipe(const Event& e)
{
    if (!e.object)
        return;
    PipeState& p = m_pipes.try_emplace(e.object, m_limits.delivered).first->second;
    if (e.type == EventType::Send) {
        const auto v = as<Send>(e);
        m_endpoints.used(e.actor, v.pipe, v.end, e.seq, e.timeNs);
        p.sent(v.end, v.index, e.actor, v.repr, e.timeNs);
    } else if (e.type == EventType::SendProgress) {
        const auto v = as<SendProgress>(e);
        m_endpoints.used(e.actor, v.pipe, v.end, e.seq, e.timeNs);
        p.sending(v.end, e.actor, v.held, v.total);
    } else {
        const auto v = as<Recv>(e);
        m_endpoints.used(e.actor, v.pipe, v.end, e.seq, e.timeNs);
        p.receivedAt(v.end, v.index, e.actor, v.repr, e.timeNs);
    }
}

void World::applyLock(const Event& e)
{
    if (!e.object)
        return;
    LockState& l = lockSlot(e.object);
    switch (e.type) {
    case EventType::LockWanted:
        return l.wanted(e.actor, e.timeNs);
    case EventType::LockAcquired: {
        const auto v = as<LockAcquired>(e);
        return l.acquired(e.actor, v.acquisition, v.waitedNs, e.timeNs);
    }
    case EventType::LockReleased:
        return l.released(e.actor, as<LockReleased>(e).acquisition);
    case EventType::LockFailed:
        return l.failed(e.actor);
    default: // HolderDied
        return l.holderDied(as<HolderDied>(e).holderPid);
    }
}

void World::applyValue(const Event& e)
{
    if (!e.object)
        return;
    ValueState& v = m_values.try_emplace(e.object).first->second;
    if (e.type == EventType::ValueRead) {
        const auto r = as<ValueRead>(e);
        v.read(e.actor, r.index, r.version, r.repr, e.timeNs);
    } else {
        const auto w = as<ValueWritten>(e);
        v.written(e.actor, w.index, w.version, w.repr, w.old, e.timeNs);
    }
}

// Counters are cumulative per actor, so the latest sample of each actor is the whole story.
void World::applyCounters(const Event& e)
{
    if (!e.actor)
        return;
    if (is<TelemetryStall>(e)) {
        Actor& a = actorSlot(e.actor);
        a.telemetryStallNs = std::max(a.telemetryStallNs, as<TelemetryStall>(e).stalledNs);
        return;
    }
    const auto v = as<Counters>(e);
    CounterSample& s = m_counters[v.object][e.actor];
    if (e.timeNs >= s.timeNs)
        s = CounterSample { .put = v.put, .got = v.got, .timeNs = e.timeNs };
}

} // namespace mp::telemetry
