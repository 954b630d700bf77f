// SPDX-License-Identifier: MIT
#include <mp/telemetry/world_endpoints.h>

#include <algorithm>
#include <limits>

namespace mp::telemetry {

namespace {
const std::vector<ActorId> NOBODY;
constexpr std::uint32_t AFTER_EVERYTHING = std::numeric_limits<std::uint32_t>::max();

int endIndex(int end)
{
    return end == 0 ? 0 : 1;
}
} // namespace

const std::vector<ActorId>& EndpointTable::holders(ObjectId object, int end) const
{
    const auto it = m_objects.find(object);
    return it == m_objects.end() ? NOBODY : it->second.holders[endIndex(end)];
}

bool EndpointTable::holds(ActorId actor, ObjectId object, int end) const
{
    const std::vector<ActorId>& list = holders(object, end);
    return std::binary_search(list.begin(), list.end(), actor);
}

std::vector<EndpointRef> EndpointTable::heldBy(ActorId actor) const
{
    std::vector<EndpointRef> out;
    for (const auto& [object, ends] : m_objects)
        for (int end = 0; end < 2; ++end)
            if (std::binary_search(ends.holders[end].begin(), ends.holders[end].end(), actor))
                out.push_back(EndpointRef { actor, object, end });
    return out;
}

bool EndpointTable::eofSeen(ObjectId object, int end) const
{
    const auto it = m_objects.find(object);
    return it != m_objects.end() && it->second.eof[endIndex(end)];
}

int EndpointTable::lastUsedEnd(ActorId actor, ObjectId object) const
{
    const auto it = m_lastUsed.find({ actor, object });
    return it == m_lastUsed.end() ? -1 : it->second;
}

void EndpointTable::created(ObjectId object, ActorId creator, std::uint32_t seq, std::uint64_t timeNs)
{
    m_objects.try_emplace(object);
    take(creator, object, 0, seq, timeNs);
    take(creator, object, 1, seq, timeNs);
}

void EndpointTable::closed(ObjectId object, int end, ActorId actor, std::uint32_t seq, std::uint64_t timeNs)
{
    end = endIndex(end);
    if (!holds(actor, object, end))
        return;
    drop(actor, object, end);
    for (Holding& h : m_history[actor])
        if (h.open && h.object == object && h.end == end) {
            h.open = false;
            h.untilSeq = seq;
            h.untilNs = timeNs;
        }
}

// fork() copies every descriptor the parent has at that moment. The parent's frames from before the fork
// all arrive before the child's first frame (it flushes before forking), but frames it wrote after the fork
// may arrive first: so "what it held at the fork" is read from its history, not from its present.
void EndpointTable::inherit(ActorId child, ActorId parent, ForkPoint fork)
{
    const auto it = m_history.find(parent);
    if (it == m_history.end())
        return;
    const std::vector<Holding> parentHistory = it->second; // take() below may grow m_history
    for (const Holding& h : parentHistory) {
        const bool heldAtFork = fork.parentSeq != 0
            ? h.fromSeq < fork.parentSeq && (h.open || h.untilSeq >= fork.parentSeq)
            : h.fromNs <= fork.timeNs && (h.open || h.untilNs > fork.timeNs);
        if (heldAtFork && !holds(child, h.object, h.end))
            take(child, h.object, h.end, 0, fork.timeNs);
    }
}

void EndpointTable::exited(ActorId actor, std::uint64_t timeNs)
{
    const auto it = m_history.find(actor);
    if (it == m_history.end())
        return;
    for (Holding& h : it->second)
        if (h.open) {
            drop(actor, h.object, h.end);
            h.open = false;
            h.untilSeq = AFTER_EVERYTHING;
            h.untilNs = timeNs;
        }
}

void EndpointTable::sawEof(ObjectId object, int end)
{
    m_objects[object].eof[endIndex(end)] = true;
}

void EndpointTable::used(ActorId actor, ObjectId object, int end, std::uint32_t seq, std::uint64_t timeNs)
{
    end = endIndex(end);
    m_lastUsed[{ actor, object }] = end;
    if (m_objects.contains(object) && !holds(actor, object, end))
        take(actor, object, end, seq, timeNs);
}

void EndpointTable::take(ActorId actor, ObjectId object, int end, std::uint32_t seq, std::uint64_t timeNs)
{
    std::vector<ActorId>& list = m_objects[object].holders[end];
    const auto at = std::lower_bound(list.begin(), list.end(), actor);
    if (at != list.end() && *at == actor)
        return;
    list.insert(at, actor);
    m_history[actor].push_back(Holding { .object = object, .end = end, .fromSeq = seq, .fromNs = timeNs });
}

void EndpointTable::drop(ActorId actor, ObjectId object, int end)
{
    std::vector<ActorId>& list = m_objects[object].holders[end];
    list.erase(std::remove(list.begin(), list.end(), actor), list.end());
}

} // namespace mp::telemetry
