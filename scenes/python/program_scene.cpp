// SPDX-License-Identifier: MIT
#include "program_scene.h"
#include "embedded_python.h"
#include "program_info.h"

#include <mp/errors.h>
#include <mp/telemetry/world.h>

namespace mpstage {

namespace {

std::uint64_t lostUpdates(const RunResult& r)
{
    std::uint64_t lost = 0;
    if (r.world)
        for (const auto* object : r.world->objects())
            if (const auto* value = r.world->value(object->id))
                lost += value->lostWrites();
    return lost;
}

// Did the run show what the header declares for these parameters?
Verdict checkAgainst(const SceneHeader::Expectation& x, const RunResult& r)
{
    switch (x.kind) {
    case ExpectedKind::Hangs:
        if (r.hung)
            return { true, "hung, as declared: " + x.words };
        return { false, "the program was declared to hang (" + x.words + "), but it did not" };
    case ExpectedKind::LosesUpdates: {
        const std::uint64_t lost = lostUpdates(r);
        if (lost > 0 && !r.hung)
            return { true,
                std::to_string(lost) + " update" + (lost == 1 ? "" : "s") + " lost, as declared: " + x.words };
        return { false, r.hung ? std::string("the program hung") : "no update was lost this time (" + x.words + ")" };
    }
    case ExpectedKind::Completes:
        break;
    }
    if (r.hung)
        return { false, "the program hung" };
    if (r.timedOut)
        return { false, "the program was stopped before it ended" };
    if (r.mainExitCode != 0)
        return { false, "MainProcess exited with code " + std::to_string(r.mainExitCode) };
    return { true, x.words };
}

} // namespace

std::unique_ptr<Scene> programScene(const std::string& path)
{
    ProgramInfo program = programInfo(path);
    auto scene = std::make_unique<Scene>();
    static_cast<SceneInfo&>(*scene) = program.info;
    const std::string absolute = program.info.id;
    scene->run = [absolute](const ParamValues& params) {
        const int code = runPythonProgram(absolute, params);
        if (code != 0)
            throw mp::SystemExit(code);
    };
    scene->check = [header = program.header](
                       const RunResult& r, const ParamValues& p) { return checkAgainst(header.expectationFor(p), r); };
    return scene;
}

} // namespace mpstage
