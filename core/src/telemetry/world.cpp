// SPDX-License-Identifier: MIT
// The World's event dispatch, its progress rule and its accessors.
#include <mp/telemetry/world.h>

#include <mp/telemetry/event_views.h>

#include <algorithm>
#include <cctype>

namespace mp::telemetry {

World::World(WorldLimits limits)
    : m_limits(limits)
{
}

void World::apply(const Event& e)
{
    if (isProgress(e)) // before applying: Counters compares with what it already knows
        m_progressNs = std::max(m_progressNs, e.timeNs);
    ++m_events;
    m_lastNs = std::max(m_lastNs, e.timeNs);
    if (!m_run.started && (m_run.startNs == 0 || e.timeNs < m_run.startNs))
        m_run.startNs = e.timeNs;
    if (e.actor) {
        Actor& a = actorSlot(e.actor);
        a.known = true;
        a.lastEventNs = std::max(a.lastEventNs, e.timeNs);
        noteSeq(e);
    }
    switch (e.type) {
    case EventType::RunStarted:
    case EventType::RunEnded:
        return applyRun(e);
    case EventType::ActorStarted:
    case EventType::Print:
    case EventType::Line:
        return applyActor(e);
    case EventType::ActorExited:
        return applyExit(e);
    case EventType::Blocked:
    case EventType::Unblocked:
    case EventType::GateWaiting:
    case EventType::GatePassed:
        return applyLane(e);
    case EventType::ObjectCreated:
    case EventType::ObjectLabel:
    case EventType::EndpointClosed:
    case EventType::Eof:
    case EventType::Poll:
        return applyObject(e);
    case EventType::PutCalled:
    case EventType::PutBuffered:
    case EventType::FeederWritten:
    case EventType::GetCalled:
    case EventType::GetReturned:
    case EventType::GetRaised:
    case EventType::EmptyAnswer:
    case EventType::QsizeAnswer:
    case EventType::FullAnswer:
    case EventType::TaskDone:
    case EventType::JoinQueue:
    case EventType::QueueClosed:
    case EventType::FeederStarted:
        return applyQueue(e);
    case EventType::Send:
    case EventType::Recv:
    case EventType::SendProgress:
        return applyPipe(e);
    case EventType::LockWanted:
    case EventType::LockAcquired:
    case EventType::LockReleased:
    case EventType::LockFailed:
    case EventType::HolderDied:
        return applyLock(e);
    case EventType::ValueRead:
    case EventType::ValueWritten:
        return applyValue(e);
    case EventType::Counters:
        return applyCounters(e);
    }
}

// Progress is anything that moved an item, a message, a lock, a value or a process. Waiting (Blocked,
// LockWanted, GateWaiting), asking (empty(), poll()), failing (LockFailed, GetRaised), printing and line
// markers are not: a process that spins on get_nowait() or poll() moves nothing.
bool World::isProgress(const Event& e) const
{
    switch (e.type) {
    case EventType::RunStarted:
    case EventType::RunEnded:
    case EventType::ActorStarted:
    case EventType::ActorExited:
    case EventType::ObjectCreated:
    case EventType::EndpointClosed:
    case EventType::PutBuffered:
    case EventType::FeederWritten:
    case EventType::GetReturned:
    case EventType::TaskDone:
    case EventType::QueueClosed:
    case EventType::Send:
    case EventType::Recv:
    case EventType::SendProgress: // more of a message went into the pipe
    case EventType::Eof:
    case EventType::LockAcquired:
    case EventType::LockReleased:
    case EventType::ValueWritten:
    case EventType::Unblocked:
        return true;
    case EventType::JoinQueue:
        return as<JoinQueue>(e).returned;
    case EventType::Counters: { // at detail level `counters`, the only sign that items moved
        if (!is<Counters>(e))
            return false;
        const auto v = as<Counters>(e);
        const auto byObject = m_counters.find(v.object);
        if (byObject == m_counters.end())
            return v.put > 0 || v.got > 0;
        const auto sample = byObject->second.find(e.actor);
        return sample == byObject->second.end() ? v.put > 0 || v.got > 0
                                                : v.put > sample->second.put || v.got > sample->second.got;
    }
    default:
        return false;
    }
}

const Actor* World::actor(ActorId id) const
{
    if (!id || id.value > m_actors.size())
        return nullptr;
    const Actor& a = m_actors[id.value - 1];
    return a.known ? &a : nullptr;
}

std::vector<const Actor*> World::actors() const
{
    std::vector<const Actor*> out;
    for (const Actor& a : m_actors)
        if (a.known)
            out.push_back(&a);
    return out;
}

const Actor* World::actorByPid(std::int64_t pid) const
{
    for (const Actor& a : m_actors)
        if (a.known && a.pid == pid)
            return &a;
    return nullptr;
}

std::string World::actorName(ActorId id) const
{
    if (id.value > 0 && id.value <= m_actors.size() && !m_actors[id.value - 1].name.empty())
        return m_actors[id.value - 1].name;
    return "actor " + std::to_string(id.value);
}

const ObjectInfo* World::object(ObjectId id) const
{
    if (!id || id.value > m_objects.size())
        return nullptr;
    const ObjectInfo& o = m_objects[id.value - 1];
    return o.known ? &o : nullptr;
}

std::vector<const ObjectInfo*> World::objects() const
{
    std::vector<const ObjectInfo*> out;
    for (const ObjectInfo& o : m_objects)
        if (o.known)
            out.push_back(&o);
    return out;
}

std::string World::objectName(ObjectId id) const
{
    const ObjectInfo* o = id.value > 0 && id.value <= m_objects.size() ? &m_objects[id.value - 1] : nullptr;
    if (o && !o->label.empty())
        return o->label;
    std::string kind = o && o->known ? objectKindName(o->kind) : "object";
    std::transform(kind.begin(), kind.end(), kind.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
    return kind + "#" + std::to_string(id.value);
}

std::string World::endName(ObjectId pipe, int end) const
{
    const ObjectInfo* o = pipe.value > 0 && pipe.value <= m_objects.size() ? &m_objects[pipe.value - 1] : nullptr;
    return o && (end == 0 || end == 1) ? o->endNames[static_cast<std::size_t>(end)] : std::string();
}

namespace {
template <typename Map> const typename Map::mapped_type* find(const Map& map, ObjectId id)
{
    const auto it = map.find(id);
    return it == map.end() ? nullptr : &it->second;
}
} // namespace

const QueueState* World::queue(ObjectId id) const
{
    return find(m_queues, id);
}
const PipeState* World::pipe(ObjectId id) const
{
    return find(m_pipes, id);
}
const LockState* World::lock(ObjectId id) const
{
    return find(m_locks, id);
}
const ValueState* World::value(ObjectId id) const
{
    return find(m_values, id);
}

const std::map<ActorId, CounterSample>& World::counters(ObjectId id) const
{
    static const std::map<ActorId, CounterSample> none;
    const auto* found = find(m_counters, id);
    return found ? *found : none;
}

bool World::holderDied(ObjectId id) const
{
    const LockState* l = lock(id);
    if (!l)
        return false;
    if (l->holderDiedPid() != 0)
        return true;
    const Actor* holder = actor(l->holder());
    return holder && holder->status == ActorStatus::Exited;
}

} // namespace mp::telemetry
