// SPDX-License-Identifier: MIT
#pragma once
// Runs a scene body as the main actor of a real telemetry session (forked, as the host does) and returns
// every event the run reported, decoded, in arrival order.

#include <mp/telemetry/event.h>
#include <mp/telemetry/session.h>

#include <functional>
#include <vector>

namespace mptest {

struct Observed {
    std::vector<mp::telemetry::Event> events;
    int mainExitCode = 0;
};

Observed observe(const std::function<void()>& scene, mp::telemetry::Detail detail = mp::telemetry::Detail::Full,
    const std::function<void(mp::telemetry::Session&)>& control = {});

std::vector<mp::telemetry::Event> ofType(
    const std::vector<mp::telemetry::Event>& events, mp::telemetry::EventType type);

} // namespace mptest
