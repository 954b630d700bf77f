// SPDX-License-Identifier: MIT
#pragma once
// Small pieces of English shared by the hang analyser, the narration and the app (signalName, exitWords: one
// vocabulary for how a process ended).

#include <mp/telemetry/world.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mp::telemetry::wording {

// "1 item", "3 items" (many defaults to one + "s").
std::string count(std::uint64_t n, std::string_view one, std::string_view many = {});
// "64 bytes", "208 KiB", "1.0 MiB": a size as a class reads it.
std::string bytes(std::uint64_t n);
// "get()" from "get".
std::string call(std::string_view operation);
// "A", "A and B", "A, B and C".
std::string list(const std::vector<std::string>& parts);
// "exited with code 0", "was killed by SIGKILL".
std::string exitWords(std::int64_t code);
// "SIGKILL", or "signal 42".
std::string signalName(std::int64_t signal);
// What an actor is doing, after its name: "waits in get() on q", "waits in join() for Process-1",
// "is paused at a gate", "is running", "has exited".
std::string doing(const World& world, const Actor& actor);

// One end of a pipe as the program names it ("output_p"), or by its number ("end 0") when it named none.
std::string pipeEnd(const World& world, ObjectId pipe, int end);
// True when the program named both ends of the pipe (from `output_p, input_p = Pipe()`).
bool endsNamed(const World& world, ObjectId pipe);
// The end of a pipe an actor reads from (reading) or writes to, when the stream says which: a one-way pipe's,
// the only end the actor holds, or the end it used last. -1 when it holds both and has used neither.
int endInUse(const World& world, ActorId actor, ObjectId pipe, bool reading);
// What a blocked actor waits on, after "waits in recv() on": the end of a pipe it reads or writes when the
// program named the pipe's ends and the stream says which end ("output_p"), else the object's name ("q").
std::string waitedOn(const World& world, const Actor& actor);
std::string waitedOn(const World& world, ActorId actor, ObjectId object, std::string_view operation);

// The kind of an object, or the given default when its ObjectCreated has not been seen.
ObjectKind kindOf(const World& world, ObjectId object, ObjectKind otherwise);

} // namespace mp::telemetry::wording
