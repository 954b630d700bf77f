// SPDX-License-Identifier: MIT
#pragma once
// A scene as the host runs it: its metadata (scene_info.h) with its body, which runs as the main actor of a
// real run on the mp:: engine, and its check of the finished run. The library mpstage_scenes
// (mpstage::scenes), which links the engine. The catalogue of them is catalogue.h.

#include <mpstage/scene_info.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mp::telemetry {
class World;
} // namespace mp::telemetry

namespace mpstage {

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

// The half of a scene the host runs; each scene's file defines it next to its SceneInfo.
struct SceneBody {
    std::string id; // the SceneInfo's id
    // Runs as the main actor ("MainProcess") of a real run.
    std::function<void(const ParamValues&)> run;
    // Did the run show what `expected` declares?
    std::function<Verdict(const RunResult&, const ParamValues&)> check;
};

struct Scene : SceneInfo {
    // Runs as the main actor ("MainProcess") of a real run.
    std::function<void(const ParamValues&)> run;
    // Did the run show what `expected` declares?
    std::function<Verdict(const RunResult&, const ParamValues&)> check;
};

} // namespace mpstage
