// SPDX-License-Identifier: MIT
// The World's objects: creation and labels, endpoints, and the per-kind states (queues, pipes, locks,
// values, counters) the events update.
#include <mp/telemetry/world.h>

#include "object_kinds.h"

#include <algorithm>

namespace mp::telemetry {

namespace {
int endOf(const Event& e)
{
    return e.a == 1 ? 1 : 0;
}
} // namespace

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
        ObjectInfo& o = objectSlot(e.object);
        o.known = true;
        o.kind = static_cast<ObjectKind>(e.a);
        o.parameter = e.b;
        if (o.label.empty())
            o.label = e.text;
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
    case EventType::ObjectLabel:
        objectSlot(e.object).label = e.text;
        return;
    case EventType::EndpointClosed:
        m_endpoints.closed(e.object, endOf(e), e.actor, e.seq, e.timeNs);
        return;
    case EventType::Eof:
        m_endpoints.sawEof(e.object, endOf(e));
        m_endpoints.used(e.actor, e.object, endOf(e), e.seq, e.timeNs);
        return;
    default: // Poll
        m_endpoints.used(e.actor, e.object, endOf(e), e.seq, e.timeNs);
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
    case EventType::PutCalled:
        return q.putCalled(e.item, e.actor, e.text, e.timeNs);
    case EventType::PutBuffered:
        return q.putBuffered(e.item, e.actor, e.timeNs);
    case EventType::FeederWritten:
        m_endpoints.used(e.actor, e.object, 1, e.seq, e.timeNs);
        return q.feederWritten(e.item, e.actor, e.a, e.timeNs);
    case EventType::GetCalled:
        return q.getCalled(e.actor);
    case EventType::GetReturned:
        m_endpoints.used(e.actor, e.object, 0, e.seq, e.timeNs);
        return q.getReturned(e.a, e.actor, e.text, e.timeNs);
    case EventType::GetRaised:
        if (e.item) // put() raising Full reports its item
            q.putFailed(e.item);
        return;
    case EventType::EmptyAnswer:
    case EventType::QsizeAnswer:
    case EventType::FullAnswer:
        return q.answered(e.type, e.a, e.actor, e.timeNs);
    case EventType::TaskDone:
        return q.taskDone(e.a, e.timeNs);
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
    m_endpoints.used(e.actor, e.object, endOf(e), e.seq, e.timeNs);
    if (e.type == EventType::Send)
        p.sent(endOf(e), e.b, e.actor, e.text, e.timeNs);
    else
        p.receivedAt(endOf(e), e.b, e.actor, e.text, e.timeNs);
}

void World::applyLock(const Event& e)
{
    if (!e.object)
        return;
    LockState& l = lockSlot(e.object);
    switch (e.type) {
    case EventType::LockWanted:
        return l.wanted(e.actor, e.timeNs);
    case EventType::LockAcquired:
        return l.acquired(e.actor, e.b, static_cast<std::uint64_t>(std::max<std::int64_t>(e.a, 0)), e.timeNs);
    case EventType::LockReleased:
        return l.released(e.actor, e.b);
    case EventType::LockFailed:
        return l.failed(e.actor);
    default: // HolderDied
        return l.holderDied(e.a);
    }
}

void World::applyValue(const Event& e)
{
    if (!e.object)
        return;
    ValueState& v = m_values.try_emplace(e.object).first->second;
    if (e.type == EventType::ValueRead)
        v.read(e.actor, e.a, e.b, e.text, e.timeNs);
    else
        v.written(e.actor, e.a, e.b, e.text, e.detail, e.timeNs);
}

// Counters are cumulative per actor, so the latest sample of each actor is the whole story.
void World::applyCounters(const Event& e)
{
    if (!e.actor)
        return;
    if (!e.object) {
        Actor& a = actorSlot(e.actor);
        a.telemetryStallNs = std::max(a.telemetryStallNs, static_cast<std::uint64_t>(std::max<std::int64_t>(e.b, 0)));
        return;
    }
    CounterSample& s = m_counters[e.object][e.actor];
    if (e.timeNs >= s.timeNs)
        s = CounterSample { .put = e.a, .got = e.b, .timeNs = e.timeNs };
}

} // namespace mp::telemetry
