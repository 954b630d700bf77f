// SPDX-License-Identifier: MIT
#pragma once
// Shared (not PRIVATE) futex calls on a 32-bit word in MAP_SHARED memory: the kernel keys them by physical
// page, so waiters and wakers may be different processes.

#include <atomic>
#include <cstdint>

namespace mp::detail {

// Sleeps while *word == expected, at most `seconds` (negative: no limit). Returns false on timeout.
bool futexWait(std::atomic<std::uint32_t>* word, std::uint32_t expected, double seconds);
void futexWake(std::atomic<std::uint32_t>* word, int count);

} // namespace mp::detail
