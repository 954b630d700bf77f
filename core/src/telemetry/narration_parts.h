// SPDX-License-Identifier: MIT
#pragma once
// The narration, one part per family of events; each returns "" for events it does not tell.

#include <mp/telemetry/world.h>

#include <string>

namespace mp::telemetry::narration {

std::string queueEvent(const World& before, const Event& e);
std::string syncEvent(const World& before, const Event& e); // pipes, locks, values, blocking
// A repr as told: "an item" when the run did not record reprs.
std::string shown(const std::string& repr);

} // namespace mp::telemetry::narration
