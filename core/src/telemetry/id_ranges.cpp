// SPDX-License-Identifier: MIT
#include <mp/telemetry/id_ranges.h>

#include <iterator>

namespace mp::telemetry {

bool IdRanges::contains(std::uint64_t value) const
{
    auto it = m_ranges.upper_bound(value); // the first range starting after value
    if (it == m_ranges.begin())
        return false;
    --it;
    return value < it->second;
}

void IdRanges::insert(std::uint64_t value)
{
    if (contains(value))
        return;
    const auto next = m_ranges.upper_bound(value);
    const bool joinsNext = next != m_ranges.end() && next->first == value + 1;
    if (next != m_ranges.begin()) {
        const auto previous = std::prev(next);
        if (previous->second == value) { // extends the previous range, perhaps up to the next one
            previous->second = joinsNext ? next->second : value + 1;
            if (joinsNext)
                m_ranges.erase(next);
            return;
        }
    }
    if (joinsNext) {
        const std::uint64_t end = next->second;
        m_ranges.erase(next);
        m_ranges.emplace(value, end);
        return;
    }
    m_ranges.emplace(value, value + 1);
}

} // namespace mp::telemetry
