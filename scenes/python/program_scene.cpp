// SPDX-License-Identifier: MIT
#include "program_scene.h"
#include "embedded_python.h"

#include <mp/errors.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mpstage {

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

    auto scene = std::make_unique<Scene>();
    scene->id = absolute;
    scene->title = std::filesystem::path(path).filename().string();
    scene->summary = "Your program, " + absolute + ", run with real processes on mpstage's engine.";
    scene->tags = { "python" };
    scene->program = true;
    scene->listing = [source](const ParamValues&) { return source; };
    scene->narration.look = "The program's own lines: each process's marker shows the line it is at.";
    scene->expected = [](const ParamValues&) {
        return Outcome { OutcomeKind::Completes, "runs to its end with exit code 0" };
    };
    scene->run = [absolute](const ParamValues& params) {
        const int code = runPythonProgram(absolute, params);
        if (code != 0)
            throw mp::SystemExit(code);
    };
    scene->check = [](const RunResult& r, const ParamValues&) {
        if (r.hung)
            return Verdict { false, "the program hung" };
        if (r.timedOut)
            return Verdict { false, "the program was stopped before it ended" };
        if (r.mainExitCode != 0)
            return Verdict { false, "MainProcess exited with code " + std::to_string(r.mainExitCode) };
        return Verdict { true, "the program ran to its end with exit code 0" };
    };
    scene->parity = Parity::SameOutcome;
    return scene;
}

} // namespace mpstage
