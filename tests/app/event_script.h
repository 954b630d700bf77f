// SPDX-License-Identifier: MIT
#pragma once
// Hand-built telemetry for the app's tests: numbers each actor's frames and runs a clock, so a test can
// write the events of a small run (fields as in core/TELEMETRY.md) and fold them into a RunState.

#include <mp/telemetry/event.h>

#include <map>
#include <string>
#include <vector>

namespace apptest {

using mp::telemetry::ActorId;
using mp::telemetry::Event;
using mp::telemetry::EventType;
using mp::telemetry::ItemId;
using mp::telemetry::ObjectId;
using mp::telemetry::ObjectKind;

inline constexpr ActorId MAIN { 1 };
inline constexpr ActorId P1 { 2 };
inline constexpr ActorId P2 { 3 };

class Script {
public:
    Script& add(Event e)
    {
        e.seq = m_seq[e.actor.value]++;
        if (!e.timeNs)
            e.timeNs = (m_clock += 1000);
        m_events.push_back(std::move(e));
        return *this;
    }
    Script& started(ActorId a, const std::string& name, ActorId parent = {})
    {
        return add(Event { .type = EventType::ActorStarted,
            .actor = a,
            .item = ItemId { m_seq[parent.value] },
            .a = 1000 + a.value,
            .b = parent.value,
            .text = name });
    }
    Script& created(ActorId a, ObjectId o, ObjectKind kind, std::int64_t parameter, const std::string& label)
    {
        return add(Event { .type = EventType::ObjectCreated,
            .actor = a,
            .object = o,
            .a = static_cast<std::int64_t>(kind),
            .b = parameter,
            .text = label });
    }
    Script& print(ActorId a, const std::string& text)
    {
        return add(Event { .type = EventType::Print, .actor = a, .a = 1, .text = text });
    }
    Script& put(ActorId a, ObjectId q, std::uint64_t n, const std::string& repr)
    {
        const ItemId item { (static_cast<std::uint64_t>(a.value) << 40) | n };
        add(Event { .type = EventType::PutCalled, .actor = a, .object = q, .item = item, .text = repr });
        return add(Event { .type = EventType::PutBuffered, .actor = a, .object = q, .item = item });
    }
    Script& written(ActorId a, ObjectId q, std::uint64_t n, std::int64_t index)
    {
        const ItemId item { (static_cast<std::uint64_t>(a.value) << 40) | n };
        return add(
            Event { .type = EventType::FeederWritten, .thread = 1, .actor = a, .object = q, .item = item, .a = index });
    }
    Script& got(ActorId a, ObjectId q, std::int64_t index, const std::string& repr)
    {
        add(Event { .type = EventType::GetCalled, .actor = a, .object = q });
        return add(Event { .type = EventType::GetReturned, .actor = a, .object = q, .a = index, .text = repr });
    }
    const std::vector<Event>& events() const { return m_events; }
    std::uint64_t now() const { return m_clock; }

private:
    std::vector<Event> m_events;
    std::map<std::uint32_t, std::uint32_t> m_seq;
    std::uint64_t m_clock = 1'000'000;
};

} // namespace apptest
