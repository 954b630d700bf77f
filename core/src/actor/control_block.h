// SPDX-License-Identifier: MIT
#pragma once
// The control block every actor maps: the run mode the host sets, one slot of step grants per actor, and
// the counters that number actors and objects across the whole run. It lives in MAP_SHARED memory made
// before the first actor is forked.

#include <mp/telemetry/session.h>
#include <mp/telemetry/wire.h>

#include <atomic>
#include <climits>
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

    // What each actor has encoded and not yet written to the telemetry pipe, mirrored here so that the host
    // can still read it once the actor is gone (a SIGKILL takes the actor's own buffer with it): the first
    // `length` bytes are whole frames. After a kill the host delivers those it has not had (Session::unsent).
    struct Unsent {
        static constexpr std::size_t CAPACITY = PIPE_BUF + FRAME_FIXED_SIZE + 2 * MAX_TEXT;
        std::atomic<std::uint32_t> length { 0 };
        char bytes[CAPACITY];
    };
    Unsent unsent[MAX_ACTORS + 1];
};

} // namespace mp::telemetry
