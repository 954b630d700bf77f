// SPDX-License-Identifier: MIT
#pragma once
// What every stage item reads when it catches up with the run, once per frame.

#include "model/run_state.h"

#include <mp/telemetry/hang.h>

#include <QPointF>

#include <functional>
#include <set>

namespace mpstage::app {

// What the hang explanation names, for the stage to mark: the processes, the objects (glowing only when no
// particular end of them is named), the ends held open that keep a wait from ever ending (red), and the
// ends being waited on (amber).
struct Highlights {
    std::set<mp::telemetry::ObjectId> objects;
    std::set<mp::telemetry::ActorId> actors;
    std::set<mp::telemetry::EndpointRef> endpoints; // held open
    std::set<mp::telemetry::EndpointRef> waitedOn;
    bool empty() const { return objects.empty() && actors.empty() && endpoints.empty() && waitedOn.empty(); }
    friend bool operator==(const Highlights&, const Highlights&) = default;
};

Highlights highlightsFor(const std::vector<mp::telemetry::HangSentence>& hang, const mp::telemetry::World& world);

struct SyncContext {
    const RunState& run;
    const mp::telemetry::World& world;
    double nowMs = 0; // animation clock
    double moveMs = 450; // how long a token move takes at the current speed
    std::uint64_t nowNs = 0; // the telemetry clock, for "waiting for 3 s"
    std::function<QPointF(mp::telemetry::ActorId)> actorAnchor; // where a process's box is
    const Highlights& highlights;
};

} // namespace mpstage::app
