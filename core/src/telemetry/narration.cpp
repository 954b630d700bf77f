// SPDX-License-Identifier: MIT
// The narration's entry points, and the lines for the run, actors and objects.
#include <mp/telemetry/narration.h>

#include "narration_parts.h"
#include "object_kinds.h"
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
    case ObjectKind::Array:
        return " (" + wording::count(static_cast<std::uint64_t>(p), "element") + ")";
    case ObjectKind::SharedMemory:
        return " (" + wording::count(static_cast<std::uint64_t>(p), "byte") + ")";
    default:
        return {};
    }
}

std::string endWords(const World& world, ObjectId object, int end)
{
    const ObjectInfo* info = world.object(object);
    if (info && isQueueKind(info->kind))
        return end == 0 ? "the reader end" : "the writer end";
    if (info && info->kind == ObjectKind::Pipe && info->parameter == 0)
        return end == 0 ? "the read end" : "the write end";
    return "end " + std::to_string(end);
}

std::string exitedName(const World& before, const Event& e)
{
    if (e.b)
        return before.actorName(ActorId { static_cast<std::uint32_t>(e.b) });
    return e.text.empty() ? before.actorName(e.actor) : e.text;
}

} // namespace

std::string describe(const World& before, const Event& e)
{
    const std::string who = before.actorName(e.actor);
    switch (e.type) {
    case EventType::RunStarted:
        return "scene " + e.text + " started" + (e.detail.empty() ? std::string() : " with " + e.detail);
    case EventType::RunEnded:
        return "run ended" + (e.text.empty() ? std::string() : ": " + e.text);
    case EventType::ActorStarted: {
        const ActorId parent { static_cast<std::uint32_t>(e.b) };
        return e.text + " started (pid " + std::to_string(e.a)
            + (parent ? ", child of " + before.actorName(parent) : std::string()) + ")";
    }
    case EventType::ActorExited:
        return exitedName(before, e) + " " + wording::exitWords(e.a);
    case EventType::Print:
        return who + (e.a == 2 ? " printed to stderr: " : " printed: ") + printed(e.text);
    case EventType::ObjectCreated: {
        const auto kind = static_cast<ObjectKind>(e.a);
        return who + " created " + objectKindName(kind) + " " + e.text + parameterWords(kind, e.b);
    }
    case EventType::EndpointClosed:
        return who + " closed its copy of " + endWords(before, e.object, e.a == 1 ? 1 : 0) + " of "
            + before.objectName(e.object);
    case EventType::GateWaiting:
        return who + " paused at a gate (" + e.text + ")";
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
