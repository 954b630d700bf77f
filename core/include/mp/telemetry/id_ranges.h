// SPDX-License-Identifier: MIT
#pragma once
// A set of integers stored as ranges. The World uses it to remember which queue items have finished their
// journey without keeping one entry per item: items finish nearly in order, so a long run stays a few ranges.

#include <cstdint>
#include <map>

namespace mp::telemetry {

class IdRanges {
public:
    bool contains(std::uint64_t value) const;
    void insert(std::uint64_t value);
    std::size_t rangeCount() const { return m_ranges.size(); }

    friend bool operator==(const IdRanges&, const IdRanges&) = default;

private:
    std::map<std::uint64_t, std::uint64_t> m_ranges; // first -> one past the last
};

} // namespace mp::telemetry
