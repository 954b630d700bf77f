// SPDX-License-Identifier: MIT
#pragma once
// Short phrases the stage and the banners use for what the World holds: an actor's state ("blocked in get()
// on q", "exited with code 1", "killed by SIGKILL"), why a step cannot be taken. Plain C++, tested.

#include <mp/telemetry/world.h>

#include <string>

namespace mpstage::app {

// How a process ended, in the stage's short form: "exited, code 0", "killed by SIGTERM" (the signal named by
// the core's mp::telemetry::wording::signalName; the narration's sentences use wording::exitWords).
std::string exitWords(std::int64_t code);
// "running", "blocked in get() on q", "paused before put", "exited, code 0"...
std::string actorStateWords(const mp::telemetry::World& world, const mp::telemetry::Actor& actor);
// Why this actor cannot take a step now, or empty if it can (running or at a gate).
std::string whyNoStep(const mp::telemetry::World& world, const mp::telemetry::Actor& actor);
// "MainProcess" -> "Main", "Process-3" -> "P-3": for markers and crowded labels.
std::string shortActorName(const std::string& name);
// "1.2 s", "350 ms", "12 µs"
std::string durationWords(std::uint64_t ns);

} // namespace mpstage::app
