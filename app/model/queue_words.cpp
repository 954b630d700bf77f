// SPDX-License-Identifier: MIT
#include "model/queue_words.h"

#include <mp/telemetry/event_views.h>

namespace mpstage::app {

using namespace mp::telemetry;

std::string itemsWords(std::size_t n)
{
    if (n == 0)
        return "no items";
    return std::to_string(n) + (n == 1 ? " item" : " items");
}

std::string queueConstructor(const ObjectInfo& info)
{
    std::string name = objectKindName(info.kind);
    // An unbounded queue reports the semaphore's maximum (SEM_VALUE_MAX) as its maxsize.
    if ((info.kind == ObjectKind::Queue || info.kind == ObjectKind::JoinableQueue) && info.parameter > 0
        && info.parameter < 2147483647)
        return name + "(maxsize=" + std::to_string(info.parameter) + ")";
    return name + "()";
}

std::optional<Callout> calloutFor(const World& world, ObjectId queue, EventType question)
{
    const QueueState* q = world.queue(queue);
    if (!q)
        return std::nullopt;
    const QueueAnswer& a = question == EventType::EmptyAnswer ? q->emptyAnswer()
        : question == EventType::QsizeAnswer                  ? q->qsizeAnswer()
                                                              : q->fullAnswer();
    if (!a.valid)
        return std::nullopt;
    Callout c;
    const std::string name = world.objectName(queue);
    c.asker = a.actor;
    const std::size_t total = a.buffered + a.inPipe;
    std::string buffers;
    for (const auto& [producer, n] : a.bufferedBy)
        if (n)
            buffers
                += (buffers.empty() ? "" : ", ") + std::to_string(n) + " in " + world.actorName(producer) + "'s buffer";
    const std::string counts = std::to_string(a.inPipe) + " in the pipe, " + std::to_string(a.buffered) + " in buffers";
    if (question == EventType::EmptyAnswer) {
        c.question = name + ".empty()";
        c.answer = a.answer ? "True" : "False";
        c.misleading = a.answer && total > 0;
        c.truth = c.misleading ? "but " + buffers + ": the pipe is empty" : "truth: " + counts;
    } else if (question == EventType::QsizeAnswer) {
        c.question = name + ".qsize()";
        c.answer = std::to_string(a.answer);
        c.truth = "puts not yet got: " + counts;
    } else {
        c.question = name + ".full()";
        c.answer = a.answer ? "True" : "False";
        const ObjectInfo* info = world.object(queue);
        const std::int64_t maxsize = info && info->parameter < 2147483647 ? info->parameter : 0;
        c.truth = "truth: " + std::to_string(total) + " on their way"
            + (maxsize > 0 ? ", maxsize " + std::to_string(maxsize) : ", no maxsize");
    }
    return c;
}

std::optional<Callout> raiseCallout(const World& before, const Event& raised)
{
    const auto v = as<GetRaised>(raised);
    const QueueState* q = before.queue(v.queue);
    if (!q || raised.type != EventType::GetRaised)
        return std::nullopt;
    Callout c;
    const std::string name = before.objectName(v.queue);
    c.asker = raised.actor;
    c.raised = true;
    const std::size_t buffered = q->bufferedCount();
    const std::size_t inPipe = q->inPipeCount();
    if (v.item || v.exception == "Full") {
        const QueueItem* item = v.item ? q->item(v.item) : nullptr;
        const ObjectInfo* info = before.object(v.queue);
        const std::int64_t maxsize = info && info->parameter > 0 && info->parameter < 2147483647 ? info->parameter : 0;
        c.question = name + ".put()";
        c.answer = v.exception.empty() ? "Full" : v.exception;
        std::string what = item && !item->repr.empty() ? item->repr : "the item";
        if (what.size() > 16) { // the call-out has room for two lines; cut on a UTF-8 boundary
            std::size_t cut = 14;
            while (cut > 0 && (static_cast<unsigned char>(what[cut]) & 0xC0) == 0x80)
                --cut;
            what = what.substr(0, cut) + "...";
        }
        // Items put and not yet got fill the queue: in producers' buffers or in the pipe.
        const std::string held = std::to_string(buffered + inPipe);
        c.truth = what + " not put: " + (maxsize > 0 ? held + " of maxsize " + std::to_string(maxsize) : held)
            + " on their way";
        return c;
    }
    c.question = name + ".get()";
    c.answer = v.exception.empty() ? "Empty" : v.exception;
    std::string buffers;
    for (const ActorId producer : q->producers())
        if (const std::size_t n = q->buffer(producer).size())
            buffers += (buffers.empty() ? "" : ", ") + std::to_string(n) + " in " + before.actorName(producer)
                + "'s buffer";
    if (inPipe > 0)
        c.truth = "raised with " + itemsWords(inPipe) + " in the pipe: it came too late";
    else if (!buffers.empty())
        c.truth = "but " + buffers + ": not yet in the pipe";
    else
        c.truth = "nothing in the pipe, nothing in buffers";
    return c;
}

bool sameRaise(const Callout& a, const Callout& b)
{
    return a.raised && b.raised && a.asker == b.asker && a.question == b.question && a.answer == b.answer;
}

std::string feederWords(const Actor* actor, ObjectId queue, std::size_t buffered)
{
    const FeederLane* f = actor ? actor->feederFor(queue) : nullptr;
    if (!f)
        return buffered ? "starting" : "not started";
    if (!actor->live())
        return "gone";
    switch (f->status) {
    case ActorStatus::AtGate:
        return "paused";
    case ActorStatus::Blocked:
        return f->blocked.operation == "feed" ? "pipe full" : "in " + f->blocked.operation + "()";
    case ActorStatus::Exited:
        return "stopped";
    case ActorStatus::Running:
        break;
    }
    return buffered ? "writing" : "idle";
}

} // namespace mpstage::app
