// SPDX-License-Identifier: MIT
#include "model/queue_words.h"

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
