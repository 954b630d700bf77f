// SPDX-License-Identifier: MIT
// Narration of pipes, locks, shared values and blocking.
#include "narration_parts.h"
#include <mp/telemetry/event_views.h>
#include <mp/telemetry/wording.h>

#include <cstdio>

namespace mp::telemetry::narration {

namespace {

std::string cell(const World& before, ObjectId value, std::int64_t index)
{
    const ObjectInfo* info = before.object(value);
    const std::string name = before.objectName(value);
    return info && info->kind == ObjectKind::Array ? name + "[" + std::to_string(index) + "]" : name;
}

std::string waited(std::uint64_t ns)
{
    if (ns < 1'000'000)
        return {};
    char buf[48];
    std::snprintf(buf, sizeof buf, " after waiting %.1f ms", static_cast<double>(ns) / 1e6);
    return buf;
}

std::string lostUpdate(const World& before, const Event& e)
{
    const auto w = as<ValueWritten>(e);
    const ValueState* v = before.value(w.value);
    const auto read = v ? v->pendingRead(e.actor, w.index) : std::nullopt;
    if (!read || w.version == *read + 1)
        return {};
    const auto lost = static_cast<std::uint64_t>(w.version - *read - 1);
    return " — lost update: it read version " + std::to_string(*read) + ", and " + wording::count(lost, "write")
        + " by others since then " + (lost == 1 ? "is" : "are") + " overwritten";
}

std::string blocked(const World& before, const Event& e, const std::string& who)
{
    const auto v = as<Blocked>(e);
    const std::string name = before.objectName(v.object);
    if (v.operation == "feed")
        return who + "'s feeder thread blocked writing into the pipe of " + name + " (the pipe is full)";
    if (v.operation == "flush")
        return who + " is exiting and waits for its feeder thread to write everything it put on " + name;
    if (!v.object && v.joined)
        return who + " blocked in " + wording::call(v.operation) + " for " + before.actorName(v.joined);
    return who + " blocked in " + wording::call(v.operation)
        + (v.object ? " on " + wording::waitedOn(before, e.actor, v.object, v.operation) : std::string());
}

} // namespace

std::string syncEvent(const World& before, const Event& e)
{
    const std::string who = before.actorName(e.actor);
    const std::string name = before.objectName(e.object);
    switch (e.type) {
    case EventType::Send: {
        const auto v = as<Send>(e);
        if (std::string end = before.endName(v.pipe, v.end); !end.empty())
            return who + " sent " + shown(v.repr) + " on " + end;
        return who + " sent " + shown(v.repr) + " on " + name + " (end " + std::to_string(v.end) + ")";
    }
    case EventType::Recv: {
        const auto v = as<Recv>(e);
        const std::string end = before.endName(v.pipe, v.end);
        return who + " received " + shown(v.repr) + " from " + (end.empty() ? name : end);
    }
    case EventType::Eof: {
        const auto v = as<Eof>(e);
        const std::string end = before.endName(v.pipe, v.end);
        return who + " saw end-of-file on " + (end.empty() ? name : end) + " (EOFError)";
    }
    case EventType::LockAcquired:
        return who + " acquired " + name + waited(as<LockAcquired>(e).waitedNs);
    case EventType::LockReleased:
        return who + " released " + name;
    case EventType::LockFailed:
        return who + " gave up acquiring " + name;
    case EventType::HolderDied: {
        const std::int64_t pid = as<HolderDied>(e).holderPid;
        const Actor* holder = before.actorByPid(pid);
        return who + " found that the holder of " + name + " (" + (holder ? holder->name + ", " : std::string())
            + "pid " + std::to_string(pid) + ") died holding it";
    }
    case EventType::ValueRead: {
        const auto v = as<ValueRead>(e);
        return who + " read " + shown(v.repr) + " from " + cell(before, v.value, v.index);
    }
    case EventType::ValueWritten: {
        const auto v = as<ValueWritten>(e);
        return who + " wrote " + shown(v.repr) + " to " + cell(before, v.value, v.index)
            + (v.old.empty() ? std::string() : " (was " + v.old + ")") + lostUpdate(before, e);
    }
    case EventType::Blocked:
        return blocked(before, e, who);
    default:
        return {};
    }
}

} // namespace mp::telemetry::narration
