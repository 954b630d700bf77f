// SPDX-License-Identifier: MIT
#pragma once
// Hand-built telemetry for the World, hang and narration tests. A Script numbers each actor's frames, runs a
// clock, and remembers what must arrive before what (a parent's frames before its child's first one, a
// process's frames before its exit), so tests can replay the same run in other arrival orders.

#include <mp/telemetry/event.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mptest {

using mp::telemetry::ActorId;
using mp::telemetry::Event;
using mp::telemetry::EventType;
using mp::telemetry::ItemId;
using mp::telemetry::ObjectId;
using mp::telemetry::ObjectKind;

inline constexpr ActorId MAIN { 1 };
inline constexpr ActorId P1 { 2 };
inline constexpr ActorId P2 { 3 };
inline constexpr ActorId P3 { 4 };

class Script {
public:
    // Appends the event with its actor's next seq and, unless it has one, the clock's next tick (1 µs).
    // ActorStarted without `item` gets the parent's frame count (the fork point) unless forkSeq(false).
    Script& operator<<(Event e);
    Script& forkSeq(bool on)
    {
        m_forkSeq = on;
        return *this;
    }
    void advance(std::uint64_t ns) { m_clock += ns; }
    std::uint64_t now() const { return m_clock; }
    const std::vector<Event>& events() const { return m_events; }
    // Another arrival order the engine could produce: each actor's frames in order, a parent's frames up to a
    // fork before the child's first, a process's frames before its exit, otherwise shuffled by `seed`.
    std::vector<Event> shuffled(unsigned seed) const;

private:
    std::vector<Event> m_events;
    std::vector<std::ptrdiff_t> m_after; // index of an event that must arrive first, or -1
    std::map<std::uint32_t, std::uint32_t> m_seq;
    std::map<std::uint32_t, std::ptrdiff_t> m_lastOf;
    std::uint64_t m_clock = 1'000'000;
    bool m_forkSeq = true;
};

// Builders for the events the engine sends (fields as in core/TELEMETRY.md).
namespace ev {
ItemId item(ActorId producer, std::uint64_t n);
Event run(const std::string& scene);
Event started(ActorId actor, const std::string& name, ActorId parent = {});
Event exited(ActorId reaper, ActorId actor, std::int64_t code);
Event created(ActorId actor, ObjectId object, ObjectKind kind, std::int64_t parameter, const std::string& label);
Event closed(ActorId actor, ObjectId object, int end, std::uint16_t thread = 0);
Event putCalled(ActorId actor, ObjectId queue, std::uint64_t n, const std::string& repr);
Event putBuffered(ActorId actor, ObjectId queue, std::uint64_t n);
Event written(ActorId actor, ObjectId queue, std::uint64_t n, std::int64_t index);
Event getCalled(ActorId actor, ObjectId queue);
Event got(ActorId actor, ObjectId queue, std::int64_t index, const std::string& repr);
Event answer(EventType type, ActorId actor, ObjectId queue, std::int64_t value);
Event blocked(ActorId actor, ObjectId object, const std::string& op, ActorId joined = {}, std::uint16_t thread = 0);
Event unblocked(ActorId actor, ObjectId object, const std::string& op, std::uint16_t thread = 0);
Event send(ActorId actor, ObjectId pipe, int end, std::int64_t index, const std::string& repr);
Event recv(ActorId actor, ObjectId pipe, int end, std::int64_t index, const std::string& repr);
Event wanted(ActorId actor, ObjectId lock);
Event acquired(ActorId actor, ObjectId lock, std::int64_t acquisition, std::int64_t waitedNs = 0);
Event released(ActorId actor, ObjectId lock, std::int64_t acquisition);
Event read(ActorId actor, ObjectId value, std::int64_t version, const std::string& repr);
Event wrote(ActorId actor, ObjectId value, std::int64_t version, const std::string& repr, const std::string& old);
Event plain(EventType type, ActorId actor, ObjectId object = {}, std::int64_t a = 0, std::int64_t b = 0,
    const std::string& text = {});
} // namespace ev

} // namespace mptest
