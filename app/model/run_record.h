// SPDX-License-Identifier: MIT
#pragma once
// Everything kept of one run for looking back: its events with RunState snapshots (History), so the stage
// can be put back at any event, and the timeline's lanes. Both keep the first MAX_EVENTS events; a longer
// run goes on live and the timeline ends there (History::complete() turns false).

#include "model/lanes.h"
#include "model/run_state.h"

#include <mp/telemetry/timeline.h>

#include <cstddef>

namespace mpstage::app {

struct RunRecord {
    static constexpr std::size_t MAX_EVENTS = 500'000;
    static constexpr std::size_t SNAPSHOT_EVERY = 1024;
    static constexpr std::size_t MAX_SNAPSHOTS = 64;

    mp::telemetry::History<RunState> history { RunState {}, SNAPSHOT_EVERY, MAX_SNAPSHOTS, MAX_EVENTS };
    timeline::Lanes lanes { MAX_EVENTS };

    void apply(mp::telemetry::Event event)
    {
        lanes.apply(event);
        history.append(std::move(event));
    }
    const RunState& live() const { return history.current(); }
};

} // namespace mpstage::app
