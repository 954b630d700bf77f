// SPDX-License-Identifier: MIT
// Hang rules for processes and synchronisation (process.py, synchronize.py): join() on a process that cannot
// finish, acquire() on a lock held by a dead or waiting process, and wait() on an Event, Condition or
// Barrier nobody will complete.
#include "hang_rules.h"
#include <mp/telemetry/wording.h>

namespace mp::telemetry::hang {

using wording::count;

std::optional<HangSentence> joinProcess(const World& world, const Actor& a)
{
    const Actor* target = world.actor(a.blocked.joined);
    if (a.blocked.operation != "join" || a.blocked.object || !target || target->status != ActorStatus::Blocked)
        return std::nullopt;
    HangSentence s { .actor = a.id, .actors = { target->id } };
    const ObjectId waitedOn = target->blocked.object;
    if (waitedOn)
        s.objects.push_back(waitedOn);
    const QueueState* q = world.queue(waitedOn);
    if (target->blocked.operation == "flush" && q) { // join-before-drain
        const std::string name = world.objectName(waitedOn);
        s.endpoints.push_back(EndpointRef { target->id, waitedOn, 1 });
        s.text = a.name + " waits in join() for " + target->name + ", but " + target->name
            + " cannot exit until its feeder thread has written its last " + count(q->buffer(target->id).size(), "item")
            + " of " + name + " into the pipe, which is full because nobody gets from " + name
            + ": get() the items before join().";
        return s;
    }
    s.text = a.name + " waits in join() for " + target->name + ", which itself " + wording::doing(world, *target) + ".";
    return s;
}

namespace {
std::string whoDied(const World& world, const LockState& lock)
{
    const Actor* holder = world.actor(lock.holder());
    if (!holder && lock.holderDiedPid() != 0)
        holder = world.actorByPid(lock.holderDiedPid());
    if (holder && holder->exitCode)
        return holder->name + " " + wording::exitWords(*holder->exitCode);
    if (holder)
        return holder->name + " died";
    return "the process holding it (pid " + std::to_string(lock.holderDiedPid()) + ") died";
}
} // namespace

std::optional<HangSentence> acquireLock(const World& world, const Actor& a)
{
    const ObjectId object = a.blocked.object;
    const LockState* lock = world.lock(object);
    if (a.blocked.operation != "acquire" || !lock)
        return std::nullopt;
    const std::string name = world.objectName(object);
    HangSentence s { .actor = a.id, .objects = { object } };
    const ActorId holderId = lock->holder();
    if (holderId && holderId != a.id)
        s.actors.push_back(holderId);
    if (world.holderDied(object)) {
        s.text = a.name + " waits in acquire() on " + name + ", but " + whoDied(world, *lock)
            + " while holding it, and CPython never releases a lock whose holder died.";
        return s;
    }
    if (holderId == a.id) {
        s.text = a.name + " waits in acquire() on " + name
            + ", which it already holds itself: a Lock is not re-entrant, so it waits for itself forever (an RLock "
              "would not).";
        return s;
    }
    const Actor* holder = world.actor(holderId);
    if (holder && holder->status == ActorStatus::Blocked) {
        s.text = a.name + " waits in acquire() on " + name + ", held by " + holder->name + ", which "
            + wording::doing(world, *holder);
        const LockState* other = world.lock(holder->blocked.object);
        if (holder->blocked.operation == "acquire" && other && other->holder() == a.id) {
            s.objects.push_back(holder->blocked.object);
            s.text += ", held by " + a.name + ": each holds the lock the other wants (a deadlock).";
        } else {
            s.text += ".";
        }
        return s;
    }
    const ObjectKind kind = wording::kindOf(world, object, ObjectKind::Lock);
    if (!holderId && (kind == ObjectKind::Semaphore || kind == ObjectKind::BoundedSemaphore)) {
        s.text = a.name + " waits in acquire() on " + name + ", whose counter is at zero"
            + nobodyWill(world, a.id, "release() it") + ".";
        return s;
    }
    return std::nullopt;
}

std::optional<HangSentence> waitOnSync(const World& world, const Actor& a)
{
    const ObjectId object = a.blocked.object;
    const ObjectInfo* info = world.object(object);
    if (a.blocked.operation != "wait" || !info)
        return std::nullopt;
    const std::string name = world.objectName(object);
    HangSentence s { .actor = a.id, .objects = { object } };
    switch (info->kind) {
    case ObjectKind::Event:
        s.text
            = a.name + " waits in wait() on " + name + ", which is not set" + nobodyWill(world, a.id, "set() it") + ".";
        return s;
    case ObjectKind::Condition:
        s.text = a.name + " waits in wait() on " + name + nobodyWill(world, a.id, "notify() it") + ".";
        return s;
    case ObjectKind::Barrier: {
        std::uint64_t waiting = 0;
        for (const Actor* b : world.actors())
            if (blockedIn(*b, "wait", object))
                ++waiting;
        s.text = a.name + " waits in wait() on " + name + ", which needs "
            + count(static_cast<std::uint64_t>(info->parameter), "party", "parties") + " but only "
            + count(waiting, "process", "processes") + (waiting == 1 ? " is" : " are")
            + " waiting at it, and nobody else will come.";
        return s;
    }
    default:
        return std::nullopt;
    }
}

} // namespace mp::telemetry::hang
