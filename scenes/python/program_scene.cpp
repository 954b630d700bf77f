// SPDX-License-Identifier: MIT
#include "program_scene.h"
#include "embedded_python.h"
#include "scene_header.h"

#include <mp/errors.h>
#include <mp/telemetry/world.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mpstage {

namespace {

OutcomeKind outcomeKind(ExpectedKind k)
{
    switch (k) {
    case ExpectedKind::Hangs:
        return OutcomeKind::Hangs;
    case ExpectedKind::LosesUpdates:
        return OutcomeKind::LosesUpdates;
    case ExpectedKind::Completes:
        break;
    }
    return OutcomeKind::Completes;
}

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

bool isProgramPath(const std::string& arg)
{
    return arg.size() > 3 && arg.ends_with(".py");
}

std::unique_ptr<Scene> programScene(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read the program " + path);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    const std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
    SceneHeader header;
    try {
        header = parseSceneHeader(source);
    } catch (const SceneHeaderError& e) {
        throw std::runtime_error(absolute + ": " + e.what());
    }

    auto scene = std::make_unique<Scene>();
    scene->id = absolute;
    scene->program = true;
    scene->listing = [source](const ParamValues&) { return source; };
    scene->run = [absolute](const ParamValues& params) {
        const int code = runPythonProgram(absolute, params);
        if (code != 0)
            throw mp::SystemExit(code);
    };
    scene->parity = Parity::SameOutcome;
    if (!header.present) {
        scene->title = std::filesystem::path(path).filename().string();
        scene->summary = "Your program, " + absolute + ", run with real processes on mpstage's engine.";
        scene->tags = { "python" };
        scene->narration.look = "The program's own lines: each process's marker shows the line it is at.";
    } else {
        scene->title = header.title;
        scene->summary = header.summary;
        scene->tags = header.tags;
        scene->difficulty = header.difficulty;
        scene->narration = { header.look, header.predict, header.why };
        scene->params = header.params;
        scene->hangAfter = header.hangAfter;
        scene->race = header.race;
        for (const auto& v : header.variants)
            scene->variants.push_back({ v.name, v.params });
    }
    scene->expected = [header](const ParamValues& p) {
        const auto x = header.expectationFor(p);
        return Outcome { outcomeKind(x.kind), x.words };
    };
    scene->check
        = [header](const RunResult& r, const ParamValues& p) { return checkAgainst(header.expectationFor(p), r); };
    return scene;
}

} // namespace mpstage
