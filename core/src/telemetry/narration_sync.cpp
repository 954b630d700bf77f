// SPDX-License-Identifier: MIT
// Narration of pipes, locks, shared values and blocking.
#include "narration_parts.h"
#include <mp/telemetry/wording.h>

#include <cstdio>

namespace mp::telemetry::narration {

namespace {

std::string cell(const World& before, const Event& e)
{
    const ObjectInfo* info = before.object(e.object);
    const std::string name = before.objectName(e.object);
    return info && info->kind == ObjectKind::Array ? name + "[" + std::to_string(e.a) + "]" : name;
}

std::string waited(std::int64_t ns)
{
    if (ns < 1'000'000)
        return {};
    char buf[48];
    std::snprintf(buf, sizeof buf, " after waiting %.1f ms", static_cast<double>(ns) / 1e6);
    return buf;
}

std::string lostUpdate(const World& before, const Event& e)
{
    const ValueState* v = before.value(e.object);
    const auto read = v ? v->pendingRead(e.actor, e.a) : std::nullopt;
    if (!read || e.b == *read + 1)
        return {};
    const auto lost = static_cast<std::uint64_t>(e.b - *read - 1);
    return " — lost update: it read version " + std::to_string(*read) + ", and " + wording::count(lost, "write")
        + " by others since then " + (lost == 1 ? "is" : "are") + " overwritten";
}

std::string blocked(const World& before, const Event& e, const std::string& who)
{
    const std::string name = before.objectName(e.object);
    if (e.text == "feed")
        return who + "'s feeder thread blocked writing into the pipe of " + name + " (the pipe is full)";
    if (e.text == "flush")
        return who + " is exiting and waits for its feeder thread to write everything it put on " + name;
    if (!e.object && e.b)
        return who + " blocked in " + wording::call(e.text) + " for "
            + before.actorName(ActorId { static_cast<std::uint32_t>(e.b) });
    return who + " blocked in " + wording::call(e.text) + (e.object ? " on " + name : std::string());
}

} // namespace

std::string syncEvent(const World& before, const Event& e)
{
    const std::string who = before.actorName(e.actor);
    const std::string name = before.objectName(e.object);
    switch (e.type) {
    case EventType::Send:
        return who + " sent " + shown(e.text) + " on " + name + " (end " + std::to_string(e.a) + ")";
    case EventType::Recv:
        return who + " received " + shown(e.text) + " from " + name;
    case EventType::Eof:
        return who + " saw end-of-file on " + name + " (EOFError)";
    case EventType::LockAcquired:
        return who + " acquired " + name + waited(e.a);
    case EventType::LockReleased:
        return who + " released " + name;
    case EventType::LockFailed:
        return who + " gave up acquiring " + name;
    case EventType::HolderDied: {
        const Actor* holder = before.actorByPid(e.a);
        return who + " found that the holder of " + name + " (" + (holder ? holder->name + ", " : std::string())
            + "pid " + std::to_string(e.a) + ") died holding it";
    }
    case EventType::ValueRead:
        return who + " read " + shown(e.text) + " from " + cell(before, e);
    case EventType::ValueWritten:
        return who + " wrote " + shown(e.text) + " to " + cell(before, e)
            + (e.detail.empty() ? std::string() : " (was " + e.detail + ")") + lostUpdate(before, e);
    case EventType::Blocked:
        return blocked(before, e, who);
    default:
        return {};
    }
}

} // namespace mp::telemetry::narration
