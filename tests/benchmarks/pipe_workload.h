// SPDX-License-Identifier: MIT
#pragma once
// How much work each pipe figure does. pipe_bench.cpp (mpstage), raw_pipe_bench.cpp (system calls only) and
// python/pipe_bench.py (CPython) all do exactly this much, so their figures compare like with like; keep the
// Python copy of these numbers in step.

#include <cstddef>
#include <cstdint>

namespace bench {

inline constexpr std::int64_t INT_MESSAGES = 200'000; // one-way send/recv of the ints 0, 1, 2...
inline constexpr std::int64_t ROUND_TRIPS = 20'000; // send(int), the peer echoes it, recv

struct BytesCase {
    std::size_t size;
    std::int64_t messages;
};
inline constexpr BytesCase BYTES_64 { 64, 100'000 };
inline constexpr BytesCase BYTES_4K { 4096, 50'000 };
inline constexpr BytesCase BYTES_1M { std::size_t { 1 } << 20, 1'000 };

} // namespace bench
