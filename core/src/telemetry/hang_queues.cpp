// SPDX-License-Identifier: MIT
// Hang rules for queues (queues.py): a consumer waiting for a sentinel that was never sent, a put() on a full
// queue nobody drains, a JoinableQueue.join() missing task_done() calls, and a process that cannot exit
// because its feeder thread still has items for a full pipe.
#include "hang_rules.h"
#include <mp/telemetry/wording.h>

#include <algorithm>
#include <climits>

namespace mp::telemetry::hang {

using wording::count;

// CPython's get(timeout) waits (with the timeout) only for the first byte of a message, then reads the rest
// with none: a message whose writer died part-way through it holds the reader for ever.
std::optional<HangSentence> getAfterCutShortWrite(const World& world, const Actor& a)
{
    const ObjectId object = a.blocked.object;
    const QueueState* q = world.queue(object);
    if (a.blocked.operation != "get" || !q || !q->cutShortBy())
        return std::nullopt;
    const std::string name = world.objectName(object);
    const std::string writer = world.actorName(q->cutShortBy());
    HangSentence s { .actor = a.id,
        .objects = { object },
        .endpoints = { EndpointRef { a.id, object, 0 } },
        .actors = { q->cutShortBy() } };
    s.text = a.name + " waits in get() on " + name + ", but " + writer + " died while its feeder thread was writing an "
        + "item into the pipe of " + name + ": the first part of that item may be in the pipe, and get() waits for "
        + "the rest, which will never come (a timeout does not help once the first byte has arrived).";
    return s;
}

namespace {

// Someone waits in join() on this JoinableQueue for task_done() calls: every item put has been taken, and some
// were never marked done.
bool joinedForTaskDone(const World& world, const QueueState& q, ObjectId object)
{
    if (q.kind() != ObjectKind::JoinableQueue || q.bufferedCount() + q.inPipeCount() > 0 || q.unfinished() == 0)
        return false;
    const auto actors = world.actors();
    return std::any_of(actors.begin(), actors.end(), [&](const Actor* b) { return blockedIn(*b, "join", object); });
}

} // namespace

std::optional<HangSentence> getOnEmptyQueue(const World& world, const Actor& a)
{
    const ObjectId object = a.blocked.object;
    const QueueState* q = world.queue(object);
    if (a.blocked.operation != "get" || !q)
        return std::nullopt;
    const bool itemLevel = world.run().detail == Detail::Full;
    if (itemLevel && q->bufferedCount() + q->inPipeCount() > 0)
        return std::nullopt;
    // A consumer that took every item of a JoinableQueue someone join()s, without marking them all done, waits in
    // get() for more as its loop does (a daemon's for ever). What hangs is the join(), and joinUnfinished's
    // sentence tells it and names this consumer; a sentinel is no part of it.
    if (joinedForTaskDone(world, *q, object))
        return HangSentence { .actor = a.id };
    HangSentence s { .actor = a.id, .objects = { object }, .endpoints = { EndpointRef { a.id, object, 0 } } };
    const std::string name = world.objectName(object);
    const bool alone = othersLive(world, a.id).empty();
    s.text = a.name + " waits in get() on " + name + (itemLevel ? ", which is empty, and " : ", and ")
        + (alone ? "no other process is left to put anything"
                 : "every other process is waiting too, so nothing more will be put");
    if (itemLevel) {
        const std::uint64_t sentinels = q->sentinelsDelivered() + q->sentinelsInFlight();
        const std::uint64_t consumers = q->consumers().size() + (q->consumers().contains(a.id) ? 0 : 1);
        if (sentinels == 0)
            s.text += ": no sentinel (None) was ever put to tell it to stop";
        else if (sentinels < consumers)
            s.text += ": " + count(sentinels, "sentinel") + " (None) " + (sentinels == 1 ? "was" : "were") + " put for "
                + count(consumers, "consumer") + ", "
                + (consumers - sentinels == 1 ? std::string("one") : std::to_string(consumers - sentinels))
                + " too few";
        else
            s.text += ": every sentinel put on it has already been taken";
    }
    s.text += ".";
    return s;
}

std::optional<HangSentence> putOnFullQueue(const World& world, const Actor& a)
{
    const ObjectId object = a.blocked.object;
    if (a.blocked.operation != "put" || !world.queue(object))
        return std::nullopt;
    const ObjectInfo* info = world.object(object);
    const bool bounded = info && info->parameter > 0 && info->parameter < INT_MAX;
    HangSentence s { .actor = a.id, .objects = { object }, .endpoints = { EndpointRef { a.id, object, 1 } } };
    s.text = a.name + " waits in put() on " + world.objectName(object) + ", which is full"
        + (bounded ? " (maxsize " + std::to_string(info->parameter) + ")" : std::string())
        + nobodyWill(world, a.id, "get() from it") + ".";
    return s;
}

std::optional<HangSentence> joinUnfinished(const World& world, const Actor& a)
{
    const ObjectId object = a.blocked.object;
    const QueueState* q = world.queue(object);
    if (a.blocked.operation != "join" || !q || q->kind() != ObjectKind::JoinableQueue)
        return std::nullopt;
    const std::string name = world.objectName(object);
    const std::size_t left = q->bufferedCount() + q->inPipeCount();
    HangSentence s { .actor = a.id, .objects = { object } };
    if (left > 0) {
        s.text = a.name + " waits in join() on " + name + ", which still holds " + count(left, "item")
            + nobodyWill(world, a.id, "get them") + ".";
        return s;
    }
    const std::uint64_t unfinished = q->unfinished();
    if (unfinished == 0)
        return std::nullopt;
    // The consumers waiting in get() for more, whose own wait this sentence tells (see getOnEmptyQueue).
    for (const Actor* b : othersLive(world, a.id))
        if (blockedIn(*b, "get", object))
            s.actors.push_back(b->id);
    s.text = a.name + " waits in join() on " + name + ", but " + count(unfinished, "item") + " taken from it "
        + (unfinished == 1 ? "was" : "were") + " never marked done: task_done() was called "
        + count(q->taskDoneCount(), "time") + " for " + count(q->putCount(), "item") + " put.";
    return s;
}

std::optional<HangSentence> flushAtExit(const World& world, const Actor& a)
{
    const ObjectId object = a.blocked.object;
    const QueueState* q = world.queue(object);
    if (a.blocked.operation != "flush" || !q)
        return std::nullopt;
    const std::string name = world.objectName(object);
    HangSentence s { .actor = a.id, .objects = { object }, .endpoints = { EndpointRef { a.id, object, 1 } } };
    std::vector<std::string> joiners;
    for (const Actor* b : othersLive(world, a.id))
        if (b->status == ActorStatus::Blocked && b->blocked.operation == "join" && b->blocked.joined == a.id) {
            joiners.push_back(b->name);
            s.actors.push_back(b->id);
        }
    s.text = a.name + " has finished but cannot exit: its feeder thread still has "
        + count(q->buffer(a.id).size(), "item") + " of " + name
        + " to write into the pipe, which is full, and no process gets from " + name;
    if (!joiners.empty())
        s.text += " (" + wording::list(joiners) + (joiners.size() == 1 ? " waits" : " wait") + " in join() for it)";
    s.text += ".";
    return s;
}

} // namespace mp::telemetry::hang
