// SPDX-License-Identifier: MIT
#pragma once
// The clock the engine stamps telemetry with (CLOCK_MONOTONIC), so the app can tell how long ago an event
// happened: hang analysis compares World::progressNs() with it.

#include <cstdint>
#include <ctime>

namespace mpstage::app {

inline std::uint64_t monotonicNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(ts.tv_nsec);
}

} // namespace mpstage::app
