// SPDX-License-Identifier: MIT
#pragma once
// Why a run hangs, in plain English: when every live process is blocked (none running, none paused at a
// gate) and nothing has moved for a while, each blocked process gets one sentence naming what it waits on
// and why that can never come: a write end still open, a sentinel too few, a task_done() missing, a join()
// before the queue was drained, a lock whose holder died... The ids named in each sentence come with it,
// so the stage can highlight them.

#include <mp/telemetry/world.h>

#include <cstdint>
#include <string>
#include <vector>

namespace mp::telemetry {

struct HangSentence {
    ActorId actor; // the blocked process the sentence is about
    std::string text;
    std::vector<ObjectId> objects; // objects the sentence names
    std::vector<EndpointRef> endpoints; // (actor, object, end) pairs it names: ends held open, ends waited on
    std::vector<ActorId> actors; // other processes it names

    friend bool operator==(const HangSentence&, const HangSentence&) = default;
};

// Hung: at least one live actor, every live actor blocked (main thread Blocked with no timeout, no thread at a
// gate), and no progress (World::progressNs) nor new wait for quietNs before nowNs.
bool isHung(const World& world, std::uint64_t nowNs, std::uint64_t quietNs);

// One sentence per blocked actor, in actor order; empty if the run is not hung.
std::vector<HangSentence> explainHang(const World& world, std::uint64_t nowNs, std::uint64_t quietNs);

// The sentence for one blocked actor, whether or not the whole run is hung (empty text if it is not blocked).
HangSentence explainWait(const World& world, ActorId actor);

} // namespace mp::telemetry
