// SPDX-License-Identifier: MIT
#include "telemetry_script.h"

#include <random>

namespace mptest {

Script& Script::operator<<(Event e)
{
    std::ptrdiff_t after = -1;
    if (e.type == EventType::ActorStarted && e.b != 0) {
        const auto parent = static_cast<std::uint32_t>(e.b);
        if (m_forkSeq && !e.item)
            e.item = ItemId { m_seq[parent] };
        if (const auto it = m_lastOf.find(parent); it != m_lastOf.end())
            after = it->second; // the parent flushed everything before forking
    }
    if (e.type == EventType::ActorExited && e.b != 0)
        if (const auto it = m_lastOf.find(static_cast<std::uint32_t>(e.b)); it != m_lastOf.end())
            after = it->second; // an exit is reported after the process's last frame left
    e.seq = m_seq[e.actor.value]++;
    if (e.timeNs == 0)
        e.timeNs = m_clock += 1000;
    m_lastOf[e.actor.value] = static_cast<std::ptrdiff_t>(m_events.size());
    m_events.push_back(std::move(e));
    m_after.push_back(after);
    return *this;
}

std::vector<Event> Script::shuffled(unsigned seed) const
{
    std::map<std::uint32_t, std::vector<std::size_t>> byActor;
    for (std::size_t i = 0; i < m_events.size(); ++i)
        byActor[m_events[i].actor.value].push_back(i);
    std::map<std::uint32_t, std::size_t> next;
    std::vector<bool> sent(m_events.size(), false);
    std::mt19937 random(seed);
    std::vector<Event> out;
    while (out.size() < m_events.size()) {
        std::vector<std::uint32_t> ready;
        for (const auto& [actor, indices] : byActor) {
            const std::size_t at = next[actor];
            if (at < indices.size()
                && (m_after[indices[at]] < 0 || sent[static_cast<std::size_t>(m_after[indices[at]])]))
                ready.push_back(actor);
        }
        const std::uint32_t actor = ready[std::uniform_int_distribution<std::size_t>(0, ready.size() - 1)(random)];
        const std::size_t index = byActor[actor][next[actor]++];
        sent[index] = true;
        out.push_back(m_events[index]);
    }
    return out;
}

namespace ev {

ItemId item(ActorId producer, std::uint64_t n)
{
    return ItemId { (std::uint64_t { producer.value } << 40) | n };
}

Event run(const std::string& scene)
{
    return Event { .type = EventType::RunStarted, .a = 2, .text = scene, .detail = "n=3" };
}

Event started(ActorId actor, const std::string& name, ActorId parent)
{
    return Event {
        .type = EventType::ActorStarted, .actor = actor, .a = 4000 + actor.value, .b = parent.value, .text = name
    };
}

Event exited(ActorId reaper, ActorId actor, std::int64_t code)
{
    return Event { .type = EventType::ActorExited, .actor = reaper, .a = code, .b = actor.value };
}

Event created(ActorId actor, ObjectId object, ObjectKind kind, std::int64_t parameter, const std::string& label)
{
    return Event { .type = EventType::ObjectCreated,
        .actor = actor,
        .object = object,
        .a = static_cast<std::int64_t>(kind),
        .b = parameter,
        .text = label };
}

Event closed(ActorId actor, ObjectId object, int end, std::uint16_t thread)
{
    return Event { .type = EventType::EndpointClosed, .thread = thread, .actor = actor, .object = object, .a = end };
}

Event putCalled(ActorId actor, ObjectId queue, std::uint64_t n, const std::string& repr)
{
    return Event {
        .type = EventType::PutCalled, .actor = actor, .object = queue, .item = item(actor, n), .text = repr
    };
}

Event putBuffered(ActorId actor, ObjectId queue, std::uint64_t n)
{
    return Event { .type = EventType::PutBuffered, .actor = actor, .object = queue, .item = item(actor, n) };
}

Event written(ActorId actor, ObjectId queue, std::uint64_t n, std::int64_t index)
{
    return Event { .type = EventType::FeederWritten,
        .thread = 1,
        .actor = actor,
        .object = queue,
        .item = item(actor, n),
        .a = index };
}

Event getCalled(ActorId actor, ObjectId queue)
{
    return Event { .type = EventType::GetCalled, .actor = actor, .object = queue };
}

Event got(ActorId actor, ObjectId queue, std::int64_t index, const std::string& repr)
{
    return Event { .type = EventType::GetReturned, .actor = actor, .object = queue, .a = index, .text = repr };
}

Event answer(EventType type, ActorId actor, ObjectId queue, std::int64_t value)
{
    return Event { .type = type, .actor = actor, .object = queue, .a = value };
}

Event blocked(ActorId actor, ObjectId object, const std::string& op, ActorId joined, std::uint16_t thread)
{
    return Event {
        .type = EventType::Blocked, .thread = thread, .actor = actor, .object = object, .b = joined.value, .text = op
    };
}

Event unblocked(ActorId actor, ObjectId object, const std::string& op, std::uint16_t thread)
{
    return Event { .type = EventType::Unblocked, .thread = thread, .actor = actor, .object = object, .text = op };
}

Event send(ActorId actor, ObjectId pipe, int end, std::int64_t index, const std::string& repr)
{
    return Event { .type = EventType::Send, .actor = actor, .object = pipe, .a = end, .b = index, .text = repr };
}

Event recv(ActorId actor, ObjectId pipe, int end, std::int64_t index, const std::string& repr)
{
    return Event { .type = EventType::Recv, .actor = actor, .object = pipe, .a = end, .b = index, .text = repr };
}

Event wanted(ActorId actor, ObjectId lock)
{
    return Event { .type = EventType::LockWanted, .actor = actor, .object = lock };
}

Event acquired(ActorId actor, ObjectId lock, std::int64_t acquisition, std::int64_t waitedNs)
{
    return Event { .type = EventType::LockAcquired, .actor = actor, .object = lock, .a = waitedNs, .b = acquisition };
}

Event released(ActorId actor, ObjectId lock, std::int64_t acquisition)
{
    return Event { .type = EventType::LockReleased, .actor = actor, .object = lock, .b = acquisition };
}

Event read(ActorId actor, ObjectId value, std::int64_t version, const std::string& repr)
{
    return Event { .type = EventType::ValueRead, .actor = actor, .object = value, .b = version, .text = repr };
}

Event wrote(ActorId actor, ObjectId value, std::int64_t version, const std::string& repr, const std::string& old)
{
    return Event {
        .type = EventType::ValueWritten, .actor = actor, .object = value, .b = version, .text = repr, .detail = old
    };
}

Event plain(EventType type, ActorId actor, ObjectId object, std::int64_t a, std::int64_t b, const std::string& text)
{
    return Event { .type = type, .actor = actor, .object = object, .a = a, .b = b, .text = text };
}

} // namespace ev

} // namespace mptest
