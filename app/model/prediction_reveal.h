// SPDX-License-Identifier: MIT
#pragma once
// Predict, then reveal: which choice of a scene's question (scene_header_questions.h) a run showed, decided
// from what the run did (the lines its processes printed, how it ended, the last value written to each
// Value), and when that became true. Plain C++: no Qt, no clock; fed the run's events.

#include "scene_header_questions.h"

#include <mp/telemetry/event.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mpstage::app {

// What a run did, as far as a question can ask: folded from its events.
struct RunEvidence {
    struct Line {
        std::string actor; // "MainProcess"
        std::string text; // without its newline
        std::uint64_t timeNs = 0; // the Print that ended the line
    };
    struct ValueSeen {
        std::string repr; // the last value written (or read)
        std::uint64_t timeNs = 0;
    };
    std::uint64_t startNs = 0;
    std::vector<Line> lines; // stdout and stderr of every process, in arrival order
    bool ended = false; // its RunEnded arrived
    std::uint64_t endNs = 0;
    mp::telemetry::RunOutcome result = mp::telemetry::RunOutcome::Unknown;
    std::string reason; // the words after "as declared: " / "not as declared: "
    bool hung = false; // every live process waited and nothing moved for the scene's hang time
    std::uint64_t hangNs = 0; // when it stopped moving
    std::optional<std::uint64_t> firstLostNs; // the first write that overwrote another process's update
    std::map<std::string, ValueSeen> values; // by the name the program gives the Value
};

// hangAfterS: the scene's hang time (how long every process must be stuck to count as hung). hungNow: a live
// run the app's hang watch finds hung (its processes are not killed yet, so the events alone cannot say).
RunEvidence evidenceOf(const std::vector<mp::telemetry::Event>& events, double hangAfterS, bool hungNow = false);

struct Reveal {
    bool known = false; // the run showed one of the choices
    int choice = -1; // its index
    std::uint64_t atNs = 0; // since the run started: when the run showed it
    std::uint64_t timeNs = 0; // the same instant on the run's clock (an event's timeNs)
    std::string shown; // when and what the run did: "At 12.7 ms MainProcess printed 'empty() right after put: True'."
    std::string why; // the answer's sentence
    // The run did not come out as the scene declares (a race that lost nothing): said in `note`.
    bool otherWay = false;
    std::string note; // "This run did not come out as the scene declares: ...; run it again or step it."
};

Reveal revealAnswer(const SceneQuestion& question, const RunEvidence& run, const ParamValues& values);

} // namespace mpstage::app
