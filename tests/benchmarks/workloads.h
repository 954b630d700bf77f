// SPDX-License-Identifier: MIT
#pragma once
// How much work each queue, shared-memory and telemetry figure does. The mpstage benchmarks, their raw
// system-call references and the CPython scripts (python/queue_bench.py, python/shared_bench.py) all do exactly
// this much, so their figures compare like with like; keep the Python copies of these numbers in step.

#include <cstddef>
#include <cstdint>

namespace bench {

inline constexpr std::int64_t QUEUE_INTS = 200'000; // ints 0, 1, 2... through a Queue, split over the producers
inline constexpr std::int64_t QUEUE_BYTES = 50'000; // messages of QUEUE_BYTES_SIZE bytes, 1 producer -> 1 consumer
inline constexpr std::size_t QUEUE_BYTES_SIZE = 1024;
inline constexpr std::int64_t SIMPLE_QUEUE_INTS = 200'000;
inline constexpr std::int64_t JOINABLE_ITEMS = 100'000; // put by one process, get + task_done by another
inline constexpr std::int64_t VALUE_INCREMENTS = 1'000'000; // `with lock: v.value += 1`, split over the processes
inline constexpr std::size_t SHM_BLOCK = std::size_t { 1 } << 20; // copied in, then out, per round
inline constexpr std::int64_t SHM_ROUNDS = 1'000;
inline constexpr std::int64_t TELEMETRY_INCREMENTS = 100'000; // the contention workload, 2 processes

} // namespace bench
