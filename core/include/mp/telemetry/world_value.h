// SPDX-License-Identifier: MIT
#pragma once
// A shared Value or Array (sharedctypes.py): its cells and the updates lost to races. `v.value += 1` reads
// and then writes, each under the lock but with a gap between; if another process writes in that gap, this
// write overwrites it. Every write carries a version number, so the World can tell: a read of version r
// followed by the same actor's write of version w lost w - r - 1 updates when w != r + 1.

#include <mp/telemetry/ids.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace mp::telemetry {

struct ValueCell {
    std::string repr;
    std::int64_t version = -1; // -1: never seen
    ActorId writer; // 0 if only a read told us the value
    std::uint64_t timeNs = 0;

    friend bool operator==(const ValueCell&, const ValueCell&) = default;
};

struct LostUpdate {
    ActorId actor;
    std::int64_t index = 0;
    std::int64_t readVersion = 0;
    std::int64_t writtenVersion = 0; // readVersion + 1 was expected
    std::string readRepr; // what it read
    std::string writtenRepr; // what it wrote
    std::string overwrittenRepr; // what another process had written meanwhile, now lost
    std::uint64_t timeNs = 0;

    std::int64_t expectedVersion() const { return readVersion + 1; }
    // Writes by other processes between this read and this write: all overwritten by it.
    std::int64_t updatesLost() const { return writtenVersion - readVersion - 1; }
    friend bool operator==(const LostUpdate&, const LostUpdate&) = default;
};

class ValueState {
public:
    // Cells by index (a Value has only cell 0); the current value is the highest version seen.
    const std::map<std::int64_t, ValueCell>& cells() const { return m_cells; }
    const ValueCell* cell(std::int64_t index) const;
    std::uint64_t reads() const { return m_reads; }
    std::uint64_t writes() const { return m_writes; }
    // Writes that overwrote at least one other process's update (read version r, wrote w != r + 1).
    std::uint64_t lostWrites() const { return m_lostWrites; }
    const std::optional<LostUpdate>& lastLost() const { return m_lastLost; }
    // The version this actor read from this cell and has not written back yet (the middle of `+= 1`).
    std::optional<std::int64_t> pendingRead(ActorId actor, std::int64_t index) const;

    void read(ActorId actor, std::int64_t index, std::int64_t version, const std::string& repr, std::uint64_t timeNs);
    void written(ActorId actor, std::int64_t index, std::int64_t version, const std::string& repr,
        const std::string& oldRepr, std::uint64_t timeNs);

    friend bool operator==(const ValueState&, const ValueState&) = default;

private:
    struct PendingRead {
        std::int64_t version = 0;
        std::string repr;
        friend bool operator==(const PendingRead&, const PendingRead&) = default;
    };

    void learn(std::int64_t index, std::int64_t version, const std::string& repr, ActorId writer, std::uint64_t t);

    std::map<std::int64_t, ValueCell> m_cells;
    std::map<std::pair<ActorId, std::int64_t>, PendingRead> m_pending; // an actor's read awaiting its write
    std::uint64_t m_reads = 0;
    std::uint64_t m_writes = 0;
    std::uint64_t m_lostWrites = 0;
    std::optional<LostUpdate> m_lastLost;
};

} // namespace mp::telemetry
