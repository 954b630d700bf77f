// SPDX-License-Identifier: MIT
#include "program_info.h"

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

} // namespace

bool isProgramPath(const std::string& arg)
{
    return arg.size() > 3 && arg.ends_with(".py");
}

ProgramInfo programInfoFrom(const std::string& path, const std::string& source)
{
    const std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
    ProgramInfo p;
    try {
        p.header = parseSceneHeader(source);
    } catch (const SceneHeaderError& e) {
        throw std::runtime_error(absolute + ": " + e.what());
    }
    SceneInfo& s = p.info;
    s.id = absolute;
    s.program = true;
    s.listing = [source](const ParamValues&) { return source; };
    s.parity = Parity::SameOutcome;
    const SceneHeader& h = p.header;
    if (!h.present) {
        s.title = std::filesystem::path(path).filename().string();
        s.summary = "Your program, " + absolute + ", run with real processes on mpstage's engine.";
        s.tags = { "python" };
        s.narration.look = "The program's own lines: each process's marker shows the line it is at.";
    } else {
        s.title = h.title;
        s.summary = h.summary;
        s.tags = h.tags;
        s.difficulty = h.difficulty;
        s.narration = { h.look, h.predict, h.why };
        s.params = h.params;
        s.hangAfter = h.hangAfter;
        s.race = h.race;
        for (const auto& v : h.variants)
            s.variants.push_back({ v.name, v.params });
        if (h.goal.line)
            s.goal = { h.goal.words, outcomeKind(h.goal.kind) };
    }
    s.expected = [h](const ParamValues& values) {
        const auto x = h.expectationFor(values);
        return Outcome { outcomeKind(x.kind), x.words };
    };
    return p;
}

ProgramInfo programInfo(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read the program " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return programInfoFrom(path, text.str());
}

} // namespace mpstage
