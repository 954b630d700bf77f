// SPDX-License-Identifier: MIT
// mpstage-fault-host serve SCENE: the real `serve` loop (stream on stdout, control on stdin) over the fault
// scenes (fault_scenes.h), for tests that need a host process to kill while such a scene runs.
#include "fault_scenes.h"
#include "serve.h"

#include <cstdio>
#include <string>

int main(int argc, char** argv)
{
    if (argc != 3 || std::string(argv[1]) != "serve") {
        std::fprintf(stderr, "usage: mpstage-fault-host serve SCENE\n");
        return 2;
    }
    const mpstage::Scene* scene = mpfault::findFaultScene(argv[2]);
    if (!scene) {
        std::fprintf(stderr, "mpstage-fault-host: no fault scene called '%s'\n", argv[2]);
        return 2;
    }
    mpstage::HostRequest request;
    request.scene = scene;
    request.params = mpstage::parseParams(scene->params, {});
    request.options.timeoutS = 120;
    return mpstage::serve(request);
}
