// SPDX-License-Identifier: MIT
#pragma once
// What a reader of scenes needs of one (the app, `mpstage-host list` and `show`): a scene is one idea a
// teacher shows in five minutes, the equivalent Python program shown line by line, narration, typed
// parameters, and the outcome the run must show. This is the library mpstage_scene_info
// (mpstage::scene_info), which links no engine; the body that runs it with real processes and its check are
// in scene.h (mpstage::scenes). Each scene's file under scenes/catalogue/ defines both.

#include <mpstage/params.h>

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mpstage {

enum class OutcomeKind { Completes, LosesUpdates, Hangs };

// What a scene declares it will show, for given parameters.
struct Outcome {
    OutcomeKind kind = OutcomeKind::Completes;
    std::string words; // "completes: the consumer prints 1 2 3 4, then 'Consumer done'"
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

// What a student stepping the processes by hand tries to make the run do (goal mode, as The Deadlock Empire
// plays it): reached when the run's outcome is `kind`. A scene without one has empty words.
struct Goal {
    std::string words; // "make both processes lose an update"
    OutcomeKind kind = OutcomeKind::LosesUpdates;
    bool declared() const { return !words.empty(); }
};

// How closely the Python listing's output matches the C++ run's when both run for real.
enum class Parity {
    SamePrints, // identical stdout
    SameOutcome, // the same kind of ending (completes / hangs), output differs (pids, timing, interleaving)
};

struct SceneInfo {
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
    // How long every actor must be stuck before the run counts as hung (seconds).
    double hangAfter = 1.0;
    std::vector<Variant> variants;
    Parity parity = Parity::SamePrints;
    // The declared outcome is what a race usually gives, not what it must: a run on a busy machine can
    // come out the other way (the processes take turns and nothing is lost), and says so. Tests give such
    // a scene a few runs to show it.
    bool race = false;
    Goal goal;
    // A Python program file run as it is (mpstage-host run FILE.py): scenes/python/program_scene.h.
    bool program = false;
};

// The catalogue of every scene's metadata, in the order the app shows them; findSceneInfo() by id.
const std::vector<SceneInfo>& sceneInfos();
const SceneInfo* findSceneInfo(std::string_view id);
// The scene ./dev run opens on.
inline constexpr std::string_view DEFAULT_SCENE = "feeder-lag";

} // namespace mpstage
