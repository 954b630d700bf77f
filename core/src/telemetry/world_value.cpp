// SPDX-License-Identifier: MIT
#include <mp/telemetry/world_value.h>

namespace mp::telemetry {

const ValueCell* ValueState::cell(std::int64_t index) const
{
    const auto it = m_cells.find(index);
    return it == m_cells.end() ? nullptr : &it->second;
}

std::optional<std::int64_t> ValueState::pendingRead(ActorId actor, std::int64_t index) const
{
    const auto it = m_pending.find({ actor, index });
    return it == m_pending.end() ? std::nullopt : std::optional(it->second.version);
}

// The highest version wins, whatever order the frames arrive in; a write of the version a read already
// told us about only adds who wrote it.
void ValueState::learn(
    std::int64_t index, std::int64_t version, const std::string& repr, ActorId writer, std::uint64_t t)
{
    ValueCell& c = m_cells[index];
    if (version > c.version) {
        c = ValueCell { .repr = repr, .version = version, .writer = writer, .timeNs = t };
    } else if (version == c.version && writer && !c.writer) {
        c.writer = writer;
        c.timeNs = t;
    }
}

void ValueState::read(
    ActorId actor, std::int64_t index, std::int64_t version, const std::string& repr, std::uint64_t timeNs)
{
    ++m_reads;
    learn(index, version, repr, ActorId {}, timeNs);
    m_pending[{ actor, index }] = PendingRead { .version = version, .repr = repr };
}

void ValueState::written(ActorId actor, std::int64_t index, std::int64_t version, const std::string& repr,
    const std::string& oldRepr, std::uint64_t timeNs)
{
    ++m_writes;
    learn(index, version, repr, actor, timeNs);
    const auto pending = m_pending.find({ actor, index });
    if (pending == m_pending.end())
        return; // a plain assignment, not a read-modify-write
    const PendingRead read = pending->second;
    m_pending.erase(pending);
    if (version == read.version + 1)
        return;
    ++m_lostWrites;
    LostUpdate lost { .actor = actor,
        .index = index,
        .readVersion = read.version,
        .writtenVersion = version,
        .readRepr = read.repr,
        .writtenRepr = repr,
        .overwrittenRepr = oldRepr,
        .timeNs = timeNs };
    // "The last one" by time, not by arrival, so the result does not depend on which actor flushed first.
    if (!m_lastLost || timeNs > m_lastLost->timeNs || (timeNs == m_lastLost->timeNs && actor > m_lastLost->actor))
        m_lastLost = std::move(lost);
}

} // namespace mp::telemetry
