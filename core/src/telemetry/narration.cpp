// SPDX-License-Identifier: MIT
// The narration's entry points, and the lines for the run, actors and objects.
#include <mp/telemetry/narration.h>

#include "narration_parts.h"
#include "object_kinds.h"
#include <mp/telemetry/event_views.h>
#include <mp/telemetry/wording.h>

#include <climits>
#include <cstdio>

namespace mp::telemetry {

namespace {

std::string printed(std::string text)
{
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 3))
        text.replace(at, 1, " / ");
    return text;
}

std::string parameterWords(ObjectKind kind, std::int64_t p)
{
    switch (kind) {
    case ObjectKind::Queue:
    case ObjectKind::JoinableQueue:
        return p > 0 && p < INT_MAX ? " (maxsize " + std::to_string(p) + ")" : std::string();
    case ObjectKind::Pipe:
        return p ? " (duplex)" : " (one-way: end 0 reads, end 1 writes)";
    case ObjectKind::Semaphore:
    case ObjectKind::BoundedSemaphore:
        return " (value " + std::to_string(p) + ")";
    case ObjectKind::Barrier:
        return " (" + wording::count(static_cast<std::uint64_t>(p), "party", "parties") + ")";
    case ObjectKind::SharedMemory:
        return " (" + wording::count(static_cast<std::uint64_t>(p), "byte") + ")";
    default:
        return {};
    }
}

std::string endWords(const World& world, ObjectId object, int end)
{
    if (std::string name = world.endName(object, end); !name.empty())
        return name; // "closed its copy of output_p"
    const ObjectInfo* info = world.object(object);
    if (info && isQueueKind(info->kind))
        return end == 0 ? "the reader end" : "the writer end";
    if (info && info->kind == ObjectKind::Pipe && info->parameter == 0)
        return end == 0 ? "the read end" : "the write end";
    return "end " + std::to_string(end);
}

std::string exitedName(const World& before, const Event& e)
{
    const auto v = as<ActorExited>(e);
    if (v.exited)
        return before.actorName(v.exited);
    return v.name.empty() ? before.actorName(e.actor) : v.name;
}

} // namespace

std::string describe(const World& before, const Event& e)
{
    const std::string who = before.actorName(e.actor);
    switch (e.type) {
    case EventType::RunStarted: {
        const auto v = as<RunStarted>(e);
        return "scene " + v.scene + " started" + (v.parameters.empty() ? std::string() : " with " + v.parameters);
    }
    case EventType::RunEnded: {
        const auto v = as<RunEnded>(e);
        return "run ended" + (v.words.empty() ? std::string() : ": " + v.words);
    }
    case EventType::ActorStarted: {
        const auto v = as<ActorStarted>(e);
        return v.name + " started (pid " + std::to_string(v.pid)
            + (v.parent ? ", child of " + before.actorName(v.parent) : std::string()) + ")";
    }
    case EventType::ActorExited:
        return exitedName(before, e) + " " + wording::exitWords(as<ActorExited>(e).code);
    case EventType::Print: {
        const auto v = as<Print>(e);
        return who + (v.toStderr ? " printed to stderr: " : " printed: ") + printed(v.text);
    }
    case EventType::ObjectCreated: {
        const auto v = as<ObjectCreated>(e);
        return who + " created " + objectKindName(v.kind) + " " + v.label + parameterWords(v.kind, v.parameter);
    }
    case EventType::EndpointClosed: {
        const auto v = as<EndpointClosed>(e);
        const bool named = !before.endName(v.object, v.end).empty();
        return who + " closed its copy of " + endWords(before, v.object, v.end)
            + (named ? std::string() : " of " + before.objectName(v.object));
    }
    case EventType::GateWaiting:
        return who + " paused at a gate (" + as<GateWaiting>(e).where + ")";
    default:
        break;
    }
    if (std::string line = narration::queueEvent(before, e); !line.empty())
        return line;
    return narration::syncEvent(before, e);
}

std::string narrate(const World& before, const Event& e)
{
    std::string words = describe(before, e);
    if (words.empty())
        return words;
    const std::uint64_t start = before.eventCount() > 0 ? before.run().startNs : e.timeNs;
    const double ms = (static_cast<double>(e.timeNs) - static_cast<double>(start)) / 1e6;
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%10.3f ms  ", e.type == EventType::RunStarted ? 0.0 : ms);
    return stamp + words;
}

namespace narration {
std::string shown(const std::string& repr)
{
    return repr.empty() ? "an item" : repr;
}
} // namespace narration

} // namespace mp::telemetry
