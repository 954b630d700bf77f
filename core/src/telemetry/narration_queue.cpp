// SPDX-License-Identifier: MIT
// Narration of queue events, with the truth beside empty()/qsize()/full() answers: what was still in the
// producers' feeder buffers and in the pipe when the question was answered.
#include "narration_parts.h"
#include <mp/telemetry/event_views.h>
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
    const auto v = as<QueueAnswered>(e);
    const QueueState* q = before.queue(v.queue);
    const std::string facts = q ? truth(before, *q) : std::string();
    switch (v.question) {
    case EventType::EmptyAnswer:
        if (v.saidTrue())
            return who + ": empty() on " + name + " said True" + (facts.empty() ? std::string() : " — " + facts);
        return who + ": empty() on " + name + " said False";
    case EventType::QsizeAnswer:
        return who + ": qsize() on " + name + " said " + std::to_string(v.answer)
            + (facts.empty() ? std::string() : " — " + facts);
    default:
        return who + ": full() on " + name + " said " + (v.saidTrue() ? "True" : "False");
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
        return who + " put " + itemRepr(q, as<PutBuffered>(e).item) + " on " + name
            + " (buffered; the feeder thread will write it)";
    case EventType::FeederWritten: {
        const auto v = as<FeederWritten>(e);
        if (e.thread == 0) // a SimpleQueue writes in the caller's thread
            return who + " put " + itemRepr(q, v.item) + " on " + name + " (written straight into the pipe)";
        return who + "'s feeder thread wrote " + itemRepr(q, v.item) + " into the pipe of " + name + " (message "
            + std::to_string(v.index) + ")";
    }
    case EventType::GetReturned:
        return who + " got " + shown(as<GetReturned>(e).repr) + " from " + name;
    case EventType::GetRaised: {
        const auto v = as<GetRaised>(e);
        if (v.item)
            return who + ": put(" + itemRepr(q, v.item) + ") on " + name + " raised Full";
        return who + ": get() on " + name + " raised " + (v.exception.empty() ? "Empty" : v.exception);
    }
    case EventType::EmptyAnswer:
    case EventType::QsizeAnswer:
    case EventType::FullAnswer:
        return answer(before, e, who, name);
    case EventType::TaskDone:
        return who + " called task_done() on " + name + " (" + std::to_string(as<TaskDone>(e).unfinished)
            + " unfinished)";
    case EventType::JoinQueue:
        return as<JoinQueue>(e).returned ? who + ": join() on " + name + " returned"
                                         : who + " called join() on " + name;
    case EventType::QueueClosed:
        return who + " closed " + name;
    case EventType::FeederStarted:
        return who + " started a feeder thread for " + name;
    default:
        return {};
    }
}

} // namespace mp::telemetry::narration
