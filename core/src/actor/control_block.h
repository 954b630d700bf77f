// SPDX-License-Identifier: MIT
#pragma once
// The control block every actor maps: the run mode the host sets, one slot of step grants per actor, and
// the counters that number actors and objects across the whole run. It lives in MAP_SHARED memory made
// before the first actor is forked.

#include <mp/telemetry/session.h>

#include <atomic>
#include <cstdint>

namespace mp::telemetry {

struct ControlBlock {
    enum Mode : std::uint32_t { Run = 0, Paused = 1 };

    struct Slot {
        std::atomic<std::uint32_t> grants { 0 }; // futex word: steps the host has granted and not yet used
        std::atomic<std::uint32_t> atGate { 0 };
        std::atomic<std::int32_t> pid { 0 };
    };

    std::atomic<std::uint32_t> mode { Run };
    std::atomic<std::uint32_t> micro { 0 };
    std::atomic<std::uint32_t> nextActor { 1 };
    std::atomic<std::uint32_t> nextObject { 1 };
    std::atomic<std::uint8_t> detail { 0 };
    Slot slots[MAX_ACTORS + 1];
};

} // namespace mp::telemetry
