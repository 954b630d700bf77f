// SPDX-License-Identifier: MIT
#include "program_scene.h"
#include "embedded_python.h"
#include "program_info.h"

#include <mp/errors.h>
#include <mp/telemetry/world.h>

#include <algorithm>
#include <filesystem>

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

std::vector<std::string> linesOf(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from < text.size()) {
        const std::size_t end = text.find('\n', from);
        out.push_back(text.substr(from, end == std::string::npos ? std::string::npos : end - from));
        from = end == std::string::npos ? text.size() : end + 1;
    }
    return out;
}

// A declared line against a printed one: each "..." in the declared line stands for any text.
bool lineMatches(const std::string& declared, const std::string& got)
{
    std::size_t at = 0, from = 0;
    bool first = true;
    for (;;) {
        const std::size_t dots = declared.find("...", from);
        const std::string piece = declared.substr(from, dots == std::string::npos ? std::string::npos : dots - from);
        if (dots == std::string::npos) // the last piece ends the line
            return first
                ? got == piece
                : got.size() >= at + piece.size() && got.compare(got.size() - piece.size(), piece.size(), piece) == 0;
        const std::size_t found
            = first ? (got.compare(0, piece.size(), piece) == 0 ? 0 : std::string::npos) : got.find(piece, at);
        if (found == std::string::npos)
            return false;
        at = found + piece.size();
        from = dots + 3;
        first = false;
    }
}

bool printedAsDeclared(const SceneHeader::Prints& p, const std::string& got)
{
    const std::vector<std::string> want = linesOf(p.text);
    std::vector<std::string> lines = linesOf(got);
    if (want.size() != lines.size() || (!got.empty() && !got.ends_with('\n')))
        return false;
    if (!p.anyOrder)
        return std::equal(want.begin(), want.end(), lines.begin(), lineMatches);
    for (const std::string& w : want) { // each declared line takes one printed line it matches
        const auto it
            = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) { return lineMatches(w, l); });
        if (it == lines.end())
            return false;
        lines.erase(it);
    }
    return true;
}

Verdict printsAsDeclared(const std::vector<const SceneHeader::Prints*>& declared, const RunResult& r)
{
    bool byProcess = false;
    for (const SceneHeader::Prints* p : declared) {
        const auto it = r.printed.find(p->actor);
        const std::string& got = p->actor.empty() ? r.allPrinted : it == r.printed.end() ? std::string() : it->second;
        byProcess = byProcess || !p->actor.empty();
        if (!printedAsDeclared(*p, got))
            return { false,
                (p->actor.empty() ? std::string() : p->actor + " ") + "printed\n" + got + "instead of"
                    + (p->anyOrder ? " (in any order)" : "") + "\n" + p->text };
    }
    if (byProcess) // as expectPrintedBy: a process that printed must be one the header names
        for (const auto& [actor, text] : r.printed)
            if (!text.empty()
                && std::none_of(declared.begin(), declared.end(), [&](const auto* p) { return p->actor == actor; }))
                return { false, actor + " printed\n" + text + "but was declared to print nothing" };
    return { true, {} };
}

// Did the run show what the header declares for these parameters? As the C++ scenes' expectHang and
// expectPrinted: a hang's sentences must say each phrase of `hang says`, and a completed run must print
// exactly what `prints` holds.
Verdict checkAgainst(const SceneHeader& header, const ParamValues& p, const RunResult& r)
{
    const SceneHeader::Expectation x = header.expectationFor(p);
    switch (x.kind) {
    case ExpectedKind::Hangs: {
        if (!r.hung)
            return { false, "the program was declared to hang (" + x.words + "), but it did not" };
        std::string all;
        for (const auto& s : r.hangSentences)
            all += s + "\n";
        if (const auto* says = header.hangSaysFor(p))
            for (const std::string& phrase : says->phrases)
                if (all.find(phrase) == std::string::npos)
                    return { false, "the hang explanation does not say '" + phrase + "': " + all };
        return { true, "hung, as declared: " + x.words };
    }
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
    if (const Verdict v = printsAsDeclared(header.printsFor(p), r); !v.ok)
        return v;
    if (r.mainExitCode != 0)
        return { false, "MainProcess exited with code " + std::to_string(r.mainExitCode) };
    return { true, x.words };
}

} // namespace

namespace {

// As the Python package (embedded_python.cpp): a build tree's host reads the sources' scene files, an installed
// host only the installed ones.
std::filesystem::path shippedDir()
{
    std::error_code error;
    const auto self = std::filesystem::canonical("/proc/self/exe", error).string();
    const auto build = std::filesystem::weakly_canonical(MPSTAGE_BUILD_DIR, error).string();
    const bool inBuildTree = !self.empty() && !build.empty() && self.starts_with(build + "/");
    return inBuildTree ? MPSTAGE_SOURCE_SCENES : MPSTAGE_INSTALL_SCENES;
}

} // namespace

std::string shippedProgram(const std::string& id)
{
    const bool wellFormed = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!wellFormed)
        return {};
    std::string file = id;
    std::replace(file.begin(), file.end(), '-', '_');
    std::error_code error;
    const std::filesystem::path path = shippedDir() / (file + ".py");
    return std::filesystem::is_regular_file(path, error) ? path.string() : std::string();
}

std::vector<std::string> shippedProgramIds()
{
    std::vector<std::string> out;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(shippedDir(), error)) {
        std::string id = entry.path().stem().string();
        std::replace(id.begin(), id.end(), '_', '-');
        if (entry.path().extension() == ".py" && shippedProgram(id) == entry.path().string())
            out.push_back(id);
    }
    std::sort(out.begin(), out.end());
    return out;
}

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
    scene->check
        = [header = program.header](const RunResult& r, const ParamValues& p) { return checkAgainst(header, p, r); };
    return scene;
}

} // namespace mpstage
