// SPDX-License-Identifier: MIT
#pragma once
// A scene is one idea a teacher shows in five minutes: real processes on the mp:: engine, the equivalent
// Python program shown line by line, narration, typed parameters, and the outcome the run must show.
// The catalogue is a table of scenes (catalogue.h), each defined in its own file under scenes/catalogue/.

#include <mpstage/params.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mp::telemetry {
class World;
struct HangSentence;
} // namespace mp::telemetry

namespace mpstage {

enum class OutcomeKind { Completes, LosesUpdates, Hangs };

// What a scene declares it will show, for given parameters.
struct Outcome {
    OutcomeKind kind = OutcomeKind::Completes;
    std::string words; // "completes: the consumer prints 1 2 3 4, then 'Consumer done'"
};

// What a finished (or hung) run looked like, for a scene's check.
struct RunResult {
    std::shared_ptr<const mp::telemetry::World> world;
    std::map<std::string, std::string> printed; // actor name -> everything it printed (stdout and stderr)
    std::string allPrinted; // stdout of every actor, in arrival order
    bool hung = false;
    std::vector<std::string> hangSentences;
    int mainExitCode = 0;
    bool timedOut = false;
};

struct Verdict {
    bool ok = false;
    std::string words; // why not, when not ok; what was shown, when ok
};

struct Narration {
    std::string look; // what to look at
    std::string predict; // what to predict before pressing Run
    std::string explain; // what just happened and why
};

// A named set of parameters worth showing: usually the one-parameter fix (or break) of the defaults.
struct Variant {
    std::string name;
    std::vector<std::pair<std::string, std::string>> params;
};

// How closely the Python listing's output matches the C++ run's when both run for real.
enum class Parity {
    SamePrints, // identical stdout
    SameOutcome, // the same kind of ending (completes / hangs), output differs (pids, timing, interleaving)
};

struct Scene {
    std::string id;
    std::string title;
    std::string summary;
    int difficulty = 1; // 1 introductory, 2 intermediate, 3 advanced
    std::vector<std::string> tags; // queue, pipe, shared memory, locks, pitfall, seed
    std::vector<ParamSpec> params;
    // The Python program the scene mirrors, correct and runnable as shown; the C++ body reports the line
    // numbers of this text (1-based) with mp::telemetry::line().
    std::function<std::string(const ParamValues&)> listing;
    Narration narration;
    std::function<Outcome(const ParamValues&)> expected;
    // Runs as the main actor ("MainProcess") of a real run.
    std::function<void(const ParamValues&)> run;
    // Did the run show what `expected` declares?
    std::function<Verdict(const RunResult&, const ParamValues&)> check;
    // How long every actor must be stuck before the run counts as hung (seconds).
    double hangAfter = 1.0;
    std::vector<Variant> variants;
    Parity parity = Parity::SamePrints;
    // The declared outcome is what a race usually gives, not what it must: a run on a busy machine can
    // come out the other way (the processes take turns and nothing is lost), and says so. Tests give such
    // a scene a few runs to show it.
    bool race = false;
    // A Python program file run as it is (mpstage-host run FILE.py): scenes/python/program_scene.h.
    bool program = false;
};

} // namespace mpstage
