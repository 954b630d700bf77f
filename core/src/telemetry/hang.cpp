// SPDX-License-Identifier: MIT
#include <mp/telemetry/hang.h>

#include "hang_rules.h"
#include "object_kinds.h"
#include <mp/telemetry/wording.h>

#include <algorithm>

namespace mp::telemetry {

bool isHung(const World& world, std::uint64_t nowNs, std::uint64_t quietNs)
{
    bool anyLive = false;
    std::uint64_t lastMove = world.progressNs();
    for (const Actor* a : world.actors()) {
        if (!a->live())
            continue;
        anyLive = true;
        if (a->status != ActorStatus::Blocked || a->pausedAnywhere())
            return false;
        // An actor that has only just blocked was running until then, even if it reported nothing.
        lastMove = std::max(lastMove, a->blocked.sinceNs);
    }
    return anyLive && nowNs >= lastMove && nowNs - lastMove >= quietNs;
}

HangSentence explainWait(const World& world, ActorId id)
{
    const Actor* a = world.actor(id);
    if (!a || !a->live() || a->status != ActorStatus::Blocked)
        return HangSentence { .actor = id };
    using Rule = std::optional<HangSentence> (*)(const World&, const Actor&);
    static constexpr Rule RULES[] = { hang::recvOnOpenPipe, hang::sendBothWays, hang::getAfterCutShortWrite,
        hang::getOnEmptyQueue, hang::putOnFullQueue, hang::joinUnfinished, hang::flushAtExit, hang::joinProcess,
        hang::acquireLock, hang::waitOnSync };
    for (const Rule rule : RULES)
        if (auto sentence = rule(world, *a))
            return std::move(*sentence);
    return hang::generic(world, *a);
}

std::vector<HangSentence> explainHang(const World& world, std::uint64_t nowNs, std::uint64_t quietNs)
{
    std::vector<HangSentence> out;
    if (!isHung(world, nowNs, quietNs))
        return out;
    for (const Actor* a : world.actors())
        if (a->live())
            out.push_back(explainWait(world, a->id));
    return out;
}

namespace hang {

namespace {
int endFor(const World& world, ActorId actor, ObjectId object, int fixed)
{
    const ObjectInfo* info = world.object(object);
    // A queue reads at end 0 and writes at end 1, and so does a Pipe(duplex=False).
    if (info && (isQueueKind(info->kind) || (info->kind == ObjectKind::Pipe && info->parameter == 0)))
        return fixed;
    const EndpointTable& ends = world.endpoints();
    const bool holds0 = ends.holds(actor, object, 0);
    if (holds0 != ends.holds(actor, object, 1))
        return holds0 ? 0 : 1;
    const int last = ends.lastUsedEnd(actor, object);
    return last >= 0 ? last : fixed;
}
} // namespace

int readingEnd(const World& world, ActorId actor, ObjectId object)
{
    return endFor(world, actor, object, 0);
}
int sendingEnd(const World& world, ActorId actor, ObjectId object)
{
    return endFor(world, actor, object, 1);
}

std::vector<const Actor*> othersLive(const World& world, ActorId except)
{
    std::vector<const Actor*> out;
    for (const Actor* a : world.actors())
        if (a->live() && a->id != except)
            out.push_back(a);
    return out;
}

std::string nobodyWill(const World& world, ActorId except, const std::string& verb)
{
    return othersLive(world, except).empty() ? ", and no other process is left to " + verb
                                             : ", and every other process is waiting too, so nobody will " + verb;
}

bool blockedIn(const Actor& actor, const char* operation, ObjectId object)
{
    return actor.live() && actor.status == ActorStatus::Blocked && actor.blocked.operation == operation
        && actor.blocked.object == object;
}

HangSentence generic(const World& world, const Actor& a)
{
    HangSentence s { .actor = a.id };
    s.text = a.name + " " + wording::doing(world, a);
    if (a.blocked.object)
        s.objects.push_back(a.blocked.object);
    if (a.blocked.joined)
        s.actors.push_back(a.blocked.joined);
    s.text += othersLive(world, a.id).empty() ? ", and no other process is left to end the wait."
                                              : ", and every other process is waiting too.";
    return s;
}

} // namespace hang

} // namespace mp::telemetry
