// SPDX-License-Identifier: MIT
#include "cli.h"
#include "explore.h"
#include "headless.h"
#include "serve.h"

#include <mpstage/catalogue.h>

#include "program_scene.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace mpstage {

namespace {

const char* const USAGE = R"(usage:
  mpstage-host list                      the scene catalogue (the built-in scenes, then the shipped scene files)
  mpstage-host show SCENE                a scene's summary, parameters, Python listing and narration
  mpstage-host run SCENE [options]       run it with real processes and narrate it in the terminal
  mpstage-host serve SCENE [options]     run it for the app: telemetry on stdout, control on stdin
  mpstage-host explore SCENE [options]   run it again and again under schedules of gate grants it chooses,
                                         until one goes bad (an update lost, a hang, other prints)
  SCENE is a scene id, or a Python program FILE.py (serve --python FILE.py too): it runs unchanged, with
  `import multiprocessing` giving mpstage's engine, as MainProcess
  mpstage-host --help

options:
  --param KEY=VALUE      set a scene parameter (repeatable; `show` lists them with their ranges)
  --detail full|counters every event, or per-object counters sampled every few ms (default: full)
  --trace FILE.json      also write a Chrome trace-event file (opens in Perfetto / chrome://tracing)
  --schedule FILE        replay a recorded schedule of gate grants (one {"actor":..,"micro":..} per line)
  --record-schedule FILE write the grants of this run as a schedule
  --paused               start with every process paused at its first gate (serve)
  --timeout SECONDS      give up after this long (default 30)
  --quiet                run: print only the outcome, not the timeline

explore options (and --param, --timeout per run):
  --bound K              at most K preemptions per run: granting another process than the one that just
                         stepped while it could still step (default 2); the schedules with none come first,
                         then those with one, ...; with --random, K priority changes per run
  --max-schedules N      make at most N runs (default 1000)
  --random N             N schedules by random priorities (PCT) instead of depth first
  --seed S               the seed of --random (default 1)
  --save DIR             write the first schedule of each outcome there, as SCENE-N.schedule (default .)
  --first                stop at the first bad schedule

exit status (explore): 0 nothing bad found, 1 a bad run found, 2 bad usage or input.

exit status (run): 0 the scene showed the outcome it declares, 1 it did not, 2 bad usage or input
(a --schedule that does not fit the run included), 3 the run itself failed. A FILE.py that uses what mpstage
does not provide (spawn, Manager, ...) gets one sentence naming the call and its line, and exit status 2.

control (serve), one JSON object per line on stdin:
  {"cmd":"pause"} {"cmd":"resume"} {"cmd":"micro","on":true} {"cmd":"step","actor":"Process-1"}
  {"cmd":"kill","actor":"Process-2"} {"cmd":"stop"}; closing stdin stops the run.
)";

int usageError(const std::string& message)
{
    std::fprintf(stderr, "mpstage-host: %s\n(try mpstage-host --help)\n", message.c_str());
    return 2;
}

int list()
{
    for (const Scene& s : catalogue()) {
        std::string tags;
        for (const auto& t : s.tags)
            tags += (tags.empty() ? "" : ", ") + t;
        std::printf("%-26s %s  [%s]\n", s.id.c_str(), s.title.c_str(), tags.c_str());
    }
    for (const std::string& id : shippedProgramIds()) { // the shipped scene files (a C++ scene's id comes first)
        if (findScene(id))
            continue;
        try {
            const auto s = programScene(shippedProgram(id));
            std::string tags;
            for (const auto& t : s->tags)
                tags += (tags.empty() ? "" : ", ") + t;
            std::printf("%-26s %s  [%s]\n", id.c_str(), s->title.c_str(), tags.c_str());
        } catch (const std::exception& e) {
            std::printf("%-26s (broken: %s)\n", id.c_str(), e.what());
        }
    }
    return 0;
}

int show(const Scene& s)
{
    std::printf("%s — %s\n\n%s\n\nParameters:\n", s.id.c_str(), s.title.c_str(), s.summary.c_str());
    for (const auto& p : s.params)
        std::printf("  %-14s default %-6s %s\n", p.key.c_str(), p.defaultValue.c_str(), p.help.c_str());
    const ParamValues defaults = parseParams(s.params, {});
    std::printf("\nPython listing (at the defaults):\n");
    std::istringstream lines(s.listing(defaults));
    std::string line;
    for (int n = 1; std::getline(lines, line); ++n)
        std::printf("%3d  %s\n", n, line.c_str());
    std::printf("\nLook: %s\nPredict: %s\nWhy: %s\n", s.narration.look.c_str(), s.narration.predict.c_str(),
        s.narration.explain.c_str());
    return 0;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

long wholeNumber(const std::string& option, const std::string& text, long low, long high)
{
    char* end = nullptr;
    errno = 0;
    const long n = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end || errno || n < low || n > high)
        throw ParamError(option + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high)
            + ", not '" + text + "'");
    return n;
}

int exploreCommand(const Scene& scene, const std::vector<std::string>& args)
{
    ExploreRequest request;
    request.scene = &scene;
    request.sceneArg = args[1];
    try {
        for (std::size_t i = 2; i < args.size(); ++i) {
            const std::string& a = args[i];
            auto value = [&]() -> const std::string& {
                if (i + 1 >= args.size())
                    throw ParamError(a + " needs a value");
                return args[++i];
            };
            if (a == "--param")
                request.given.push_back(splitAssignment(value()));
            else if (a == "--bound")
                request.bound = static_cast<int>(wholeNumber(a, value(), 0, 20));
            else if (a == "--max-schedules")
                request.maxSchedules = static_cast<int>(wholeNumber(a, value(), 1, 100'000'000));
            else if (a == "--random")
                request.randomRuns = static_cast<int>(wholeNumber(a, value(), 1, 100'000'000));
            else if (a == "--seed")
                request.seed = static_cast<std::uint64_t>(wholeNumber(a, value(), 0, LONG_MAX));
            else if (a == "--save") {
                request.saveDir = value();
                struct stat st { };
                if (::stat(request.saveDir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)
                    || ::access(request.saveDir.c_str(), W_OK) != 0)
                    throw ParamError(
                        "--save needs a directory it can write to, and '" + request.saveDir + "' is not one");
            } else if (a == "--timeout") {
                const std::string& t = value();
                char* end = nullptr;
                const double s = std::strtod(t.c_str(), &end);
                if (end == t.c_str() || *end || !(s > 0) || s > 86400)
                    throw ParamError("--timeout must be a number of seconds above 0, not '" + t + "'");
                request.timeoutS = s;
            } else if (a == "--first")
                request.stopAtFirstBad = true;
            else
                throw ParamError("unknown option '" + a + "' for explore");
        }
        if (request.randomRuns > 0)
            request.maxSchedules = std::max(request.maxSchedules, request.randomRuns);
        request.params = parseParams(scene.params, request.given);
    } catch (const std::exception& e) {
        return usageError(e.what());
    }
    return explore(request);
}

} // namespace

int hostMain(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty())
        return usageError("no command given");
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(USAGE, stdout);
        return 0;
    }
    if (args[0] == "list")
        return list();
    const std::string command = args[0];
    if (command != "show" && command != "run" && command != "serve" && command != "explore")
        return usageError("unknown command '" + command + "'");
    if (command == "serve" && args.size() >= 3 && args[1] == "--python")
        args.erase(args.begin() + 1);
    if (args.size() < 2)
        return usageError(command + " needs a scene id or a FILE.py (see mpstage-host list)");
    std::unique_ptr<Scene> program;
    const Scene* scene = nullptr;
    if (isProgramPath(args[1])) {
        try {
            program = programScene(args[1]);
        } catch (const std::exception& e) {
            return usageError(e.what());
        }
        scene = program.get();
    } else if (scene = findScene(args[1]); !scene) {
        // a shipped scene file by its id (a C++ scene of the same id, while it is kept, comes first)
        if (const std::string path = shippedProgram(args[1]); !path.empty()) {
            try {
                program = programScene(path);
            } catch (const std::exception& e) {
                return usageError(e.what());
            }
            scene = program.get();
        }
    }
    if (!scene)
        return usageError("no scene called '" + args[1] + "' (see mpstage-host list)");
    if (command == "show")
        return show(*scene);
    if (command == "explore")
        return exploreCommand(*scene, args);

    HostRequest request;
    request.scene = scene;
    std::vector<std::pair<std::string, std::string>> given;
    try {
        for (std::size_t i = 2; i < args.size(); ++i) {
            const std::string& a = args[i];
            auto value = [&]() -> const std::string& {
                if (i + 1 >= args.size())
                    throw ParamError(a + " needs a value");
                return args[++i];
            };
            if (a == "--param")
                given.push_back(splitAssignment(value()));
            else if (a == "--detail") {
                const std::string& d = value();
                if (d != "full" && d != "counters")
                    throw ParamError("--detail must be full or counters, not '" + d + "'");
                request.options.detail = d == "full" ? mp::telemetry::Detail::Full : mp::telemetry::Detail::Counters;
            } else if (a == "--trace")
                request.tracePath = value();
            else if (a == "--schedule")
                request.options.schedule = parseSchedule(readFile(value()));
            else if (a == "--record-schedule")
                request.recordPath = value();
            else if (a == "--timeout") {
                const std::string& t = value();
                char* end = nullptr;
                const double s = std::strtod(t.c_str(), &end);
                if (end == t.c_str() || *end || !(s > 0) || s > 86400)
                    throw ParamError("--timeout must be a number of seconds above 0, not '" + t + "'");
                request.options.timeoutS = s;
            } else if (a == "--paused")
                request.options.startPaused = true;
            else if (a == "--quiet")
                request.quiet = true;
            else
                throw ParamError("unknown option '" + a + "'");
        }
        request.params = parseParams(scene->params, given);
    } catch (const std::exception& e) {
        return usageError(e.what());
    }
    return command == "run" ? runHeadless(request) : serve(request);
}

} // namespace mpstage
