// SPDX-License-Identifier: MIT
#pragma once
// What `mpstage-host run` and `serve` are asked to do.

#include "supervisor.h"

#include <string>

namespace mpstage {

struct HostRequest {
    const Scene* scene = nullptr;
    ParamValues params;
    RunOptions options;
    std::string tracePath;
    std::string recordPath;
    bool quiet = false;
};

// Runs the scene and narrates it on stdout; returns the exit status documented in --help.
int runHeadless(HostRequest& request);

} // namespace mpstage
