// SPDX-License-Identifier: MIT
#pragma once
// mpstage-host explore: runs a scene again and again with real processes, each time under a schedule of
// gate grants a search chooses (explore_search.h: depth first with a preemption bound, or PCT's random
// priorities), sorts the runs by outcome, and saves the first schedule of each outcome as a schedule file
// (`run --schedule` and the app's *Run saved steps…* replay it).
//
// A bad run is one that shows what a program can get wrong: for a scene that declares a bug (loses
// updates, hangs), a run that shows it; for one that declares it completes, a run that does not; and any
// run that hangs, does not end in time, or fails.

#include <mpstage/scene.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mpstage {

struct ExploreRequest {
    const Scene* scene = nullptr;
    std::string sceneArg; // as given on the command line (an id or FILE.py), for the replay command
    std::vector<std::pair<std::string, std::string>> given; // the --param assignments, likewise
    ParamValues params;
    int maxSchedules = 1000;
    int bound = 2; // preemptions per run (DFS), priority change points per run (random)
    int randomRuns = 0; // 0: depth first; N: N random schedules
    std::uint64_t seed = 1;
    std::string saveDir = ".";
    double timeoutS = 10.0; // per run
    bool stopAtFirstBad = false;
};

// Prints the report on stdout; returns 0 if no bad run was found, 1 if one was.
int explore(const ExploreRequest& request);

} // namespace mpstage
