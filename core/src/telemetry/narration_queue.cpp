// SPDX-License-Identifier: MIT
// Narration of queue events, with the truth beside empty()/qsize()/full() answers: what was still in the
// producers' feeder buffers and in the pipe when the question was answered.
#include "narration_parts.h"
#include <mp/telemetry/wording.h>

namespace mp::telemetry::narration {

namespace {

using wording::count;

std::string itemRepr(const QueueState* q, ItemId item)
{
    const QueueItem* it = q ? q->item(item) : nullptr;
    return shown(it ? it->repr : std::string());
}

// "1 item is still in Process-1's feeder buffer and 2 items are in the pipe"
std::string truth(const World& before, const QueueState& q)
{
    std::vector<std::string> parts;
    for (const ActorId producer : q.producers()) {
        const std::size_t n = q.buffer(producer).size();
        parts.push_back(count(n, "item") + (n == 1 ? " is" : " are") + " still in " + before.actorName(producer)
            + "'s feeder buffer");
    }
    if (const std::size_t n = q.inPipeCount(); n > 0)
        parts.push_back(count(n, "item") + (n == 1 ? " is" : " are") + " in the pipe");
    return wording::list(parts);
}

std::string answer(const World& before, const Event& e, const std::string& who, const std::string& name)
{
    const QueueState* q = before.queue(e.object);
    const std::string facts = q ? truth(before, *q) : std::string();
    switch (e.type) {
    case EventType::EmptyAnswer:
        if (e.a == 1)
            return who + ": empty() on " + name + " said True" + (facts.empty() ? std::string() : " — " + facts);
        return who + ": empty() on " + name + " said False";
    case EventType::QsizeAnswer:
        return who + ": qsize() on " + name + " said " + std::to_string(e.a)
            + (facts.empty() ? std::string() : " — " + facts);
    default:
        return who + ": full() on " + name + " said " + (e.a == 1 ? "True" : "False");
    }
}

} // namespace

std::string queueEvent(const World& before, const Event& e)
{
    const std::string who = before.actorName(e.actor);
    const std::string name = before.objectName(e.object);
    const QueueState* q = before.queue(e.object);
    switch (e.type) {
    case EventType::PutBuffered:
        return who + " put " + itemRepr(q, e.item) + " on " + name + " (buffered; the feeder thread will write it)";
    case EventType::FeederWritten:
        if (e.thread == 0) // a SimpleQueue writes in the caller's thread
            return who + " put " + itemRepr(q, e.item) + " on " + name + " (written straight into the pipe)";
        return who + "'s feeder thread wrote " + itemRepr(q, e.item) + " into the pipe of " + name + " (message "
            + std::to_string(e.a) + ")";
    case EventType::GetReturned:
        return who + " got " + shown(e.text) + " from " + name;
    case EventType::GetRaised:
        if (e.item)
            return who + ": put(" + itemRepr(q, e.item) + ") on " + name + " raised Full";
        return who + ": get() on " + name + " raised " + (e.text.empty() ? "Empty" : e.text);
    case EventType::EmptyAnswer:
    case EventType::QsizeAnswer:
    case EventType::FullAnswer:
        return answer(before, e, who, name);
    case EventType::TaskDone:
        return who + " called task_done() on " + name + " (" + std::to_string(e.a) + " unfinished)";
    case EventType::JoinQueue:
        return e.a == 0 ? who + " called join() on " + name : who + ": join() on " + name + " returned";
    case EventType::QueueClosed:
        return who + " closed " + name;
    case EventType::FeederStarted:
        return who + " started a feeder thread for " + name;
    default:
        return {};
    }
}

} // namespace mp::telemetry::narration
