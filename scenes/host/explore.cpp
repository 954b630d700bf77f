// SPDX-License-Identifier: MIT
#include "explore.h"
#include "explore_search.h"
#include "supervisor.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <memory>

namespace mpstage {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Seen {
    bool bad = false;
    std::string words;
    int count = 0;
    int first = 0; // the schedule that first gave it (1-based)
    int used = 0; // its preemptions (priority changes)
    double afterS = 0; // seconds from the start of the exploration to the end of that run
    std::vector<ScheduleStep> schedule;
    std::string file;
};

struct Classified {
    bool bad = false;
    std::string words;
};

Classified classify(const Scene& scene, const ParamValues& params, const RunReport& r, double timeoutS)
{
    if (!r.error.empty())
        return { true, "the run failed: " + r.error };
    if (r.result.timedOut)
        return { true,
            "the run did not end within " + std::to_string(static_cast<int>(timeoutS))
                + " s (each step waits for the processes to settle: smaller --param values, or a longer --timeout, "
                  "if it only had many steps)" };
    const Verdict v = scene.check(r.result, params);
    const bool declaresBug = scene.expected(params).kind != OutcomeKind::Completes;
    const bool bad = r.result.hung || (declaresBug ? v.ok : !v.ok);
    if (r.result.hung && !r.result.hangSentences.empty())
        return { bad, "hangs: " + r.result.hangSentences.front() };
    return { bad, v.words };
}

// A file name from the scene's id: a program's id is its path, of which the name without .py is kept.
std::string fileStem(std::string id)
{
    if (const auto slash = id.rfind('/'); slash != std::string::npos)
        id.erase(0, slash + 1);
    if (id.size() > 3 && id.compare(id.size() - 3, 3, ".py") == 0)
        id.resize(id.size() - 3);
    std::string out;
    for (const char c : id)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
    return out.empty() ? "explore" : out;
}

bool stopSignalPending()
{
    sigset_t pending;
    sigpending(&pending);
    return sigismember(&pending, SIGINT) || sigismember(&pending, SIGTERM) || sigismember(&pending, SIGHUP);
}

std::string percent(int part, int whole)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", whole ? 100.0 * part / whole : 0.0);
    return buf;
}

std::string plural(int n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

int explore(const ExploreRequest& q)
{
    const Scene& scene = *q.scene;
    // Ctrl+C or a kill between two runs must not cut the report short: the signals wait (each run takes
    // them through its signalfd and stops, leaving nothing behind) and the exploration ends after that run.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    for (const int sig : { SIGTERM, SIGINT, SIGHUP })
        sigaddset(&stopSignals, sig);
    ::sigprocmask(SIG_BLOCK, &stopSignals, nullptr);

    const bool random = q.randomRuns > 0;
    std::unique_ptr<Search> search;
    IterativeDfsSearch* dfs = nullptr;
    if (random) {
        search = std::make_unique<PctSearch>(q.seed, q.randomRuns, q.bound);
    } else {
        auto d = std::make_unique<IterativeDfsSearch>(q.bound);
        dfs = d.get();
        search = std::move(d);
    }
    const std::string boundWords = random
        ? plural(q.bound, "priority change", "priority changes") + " per run (PCT, seed " + std::to_string(q.seed) + ")"
        : "at most " + plural(q.bound, "preemption", "preemptions") + " per run";
    std::printf("Exploring %s (%s)\nSearch: %s over the gate grants, %s, micro-steps on\nLooking for: %s\n\n",
        scene.id.c_str(), q.params.joined().c_str(), random ? "random priorities" : "depth first", boundWords.c_str(),
        scene.expected(q.params).kind == OutcomeKind::Completes
            ? ("a run that does not show what the scene declares (" + scene.expected(q.params).words + ")").c_str()
            : ("a run that shows the bug the scene declares (" + scene.expected(q.params).words + ")").c_str());
    std::fflush(stdout);

    const auto start = std::chrono::steady_clock::now();
    std::vector<Seen> seen;
    int tried = 0; // distinct schedules
    int runs = 0; // runs in all: reaching k preemptions replays the schedules with fewer
    bool stopped = false;
    bool budgetSpent = false;
    for (;;) {
        RunOptions options;
        options.timeoutS = q.timeoutS;
        options.stopOnHang = true;
        options.choose = [&](const std::vector<std::uint32_t>& waiting, std::uint32_t last) {
            return search->choose(waiting, last);
        };
        Supervisor supervisor(scene, q.params, options);
        const RunReport report = supervisor.run();
        if (report.stopped) {
            stopped = true;
            break;
        }
        ++runs;
        if (dfs && !dfs->isNew()) {
            if (stopSignalPending()) {
                stopped = true;
                break;
            }
            if (runs >= q.maxSchedules) {
                budgetSpent = true;
                break;
            }
            if (!search->nextRun())
                break;
            continue;
        }
        ++tried;
        const Classified c = classify(scene, q.params, report, q.timeoutS);
        auto it = std::find_if(
            seen.begin(), seen.end(), [&](const Seen& s) { return s.bad == c.bad && s.words == c.words; });
        if (it == seen.end()) {
            seen.push_back(Seen { c.bad, c.words, 0, tried, search->used(), secondsSince(start), report.grants, {} });
            it = seen.end() - 1;
        }
        ++it->count;
        if (stopSignalPending()) {
            stopped = true;
            break;
        }
        if (c.bad && q.stopAtFirstBad)
            break;
        if (runs >= q.maxSchedules) {
            budgetSpent = true;
            break;
        }
        if (!search->nextRun())
            break;
    }
    const double elapsed = secondsSince(start);
    if (stopped) {
        const timespec none {};
        while (sigtimedwait(&stopSignals, nullptr, &none) > 0) { } // taken: it has done its work
    }

    // Bad outcomes first, then by how often they came.
    std::stable_sort(seen.begin(), seen.end(),
        [](const Seen& a, const Seen& b) { return a.bad != b.bad ? a.bad : a.count > b.count; });
    int n = 0;
    for (Seen& s : seen) {
        s.file = q.saveDir + "/" + fileStem(scene.id) + "-" + std::to_string(++n) + ".schedule";
        std::ofstream out(s.file);
        out << formatSchedule(s.schedule);
        if (!out)
            s.file = "(could not write " + s.file + ")";
    }

    if (stopped)
        std::printf("Stopped. ");
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.1f", elapsed > 0 ? runs / elapsed : 0.0);
    char took[32];
    std::snprintf(took, sizeof took, "%.2f", elapsed);
    std::printf("Tried %s in %s s (%s runs per second", plural(tried, "schedule", "schedules").c_str(), took, rate);
    if (runs > tried)
        std::printf("; %d more runs retraced schedules with fewer preemptions on the way to more", runs - tried);
    std::printf(")");
    const bool complete = dfs && dfs->complete();
    if (complete)
        std::printf(": every schedule within the bound (%s).\n", boundWords.c_str());
    else if (budgetSpent)
        std::printf(": the budget (--max-schedules %d) ran out before the search did.\n", q.maxSchedules);
    else
        std::printf(".\n");
    if (dfs && dfs->diverged() > 0)
        std::printf("%s did not retrace the schedule it was replaying (the processes did not do the same "
                    "between the same gates); the counts are of the runs as they went.\n",
            plural(dfs->diverged(), "run", "runs").c_str());
    std::printf("%s:\n", plural(static_cast<int>(seen.size()), "distinct outcome", "distinct outcomes").c_str());
    int bad = 0;
    const Seen* firstBad = nullptr;
    for (const Seen& s : seen) {
        std::printf("  %-4s %d of %d (%s)  %s\n", s.bad ? "bad" : "good", s.count, tried,
            percent(s.count, tried).c_str(), s.words.c_str());
        std::printf("       first: schedule %d (%s, %zu grants), saved as %s\n", s.first,
            plural(s.used, random ? "priority change" : "preemption", random ? "priority changes" : "preemptions")
                .c_str(),
            s.schedule.size(), s.file.c_str());
        if (s.bad) {
            bad += s.count;
            if (!firstBad || s.first < firstBad->first)
                firstBad = &s;
        }
    }
    if (!firstBad) {
        if (complete)
            std::printf("\nNo bad interleaving within the bound: %s with %s ran as declared.\n",
                (tried == 1 ? std::string("the one schedule") : "all " + std::to_string(tried) + " schedules").c_str(),
                boundWords.c_str());
        else
            std::printf("\nNo bad interleaving in the %d schedules tried (%s); the search was not complete.\n", tried,
                boundWords.c_str());
        return 0;
    }
    std::snprintf(took, sizeof took, "%.2f", firstBad->afterS);
    std::printf("\nFound a bad interleaving: %d of %d schedules (%s) went bad, the first of them (schedule %d) "
                "after %s s.\nReplay it: mpstage-host run %s",
        bad, tried, percent(bad, tried).c_str(), firstBad->first, took, q.sceneArg.c_str());
    for (const auto& [key, value] : q.given)
        std::printf(" --param %s=%s", key.c_str(), value.c_str());
    std::printf(" --schedule %s\n", firstBad->file.c_str());
    return 1;
}

} // namespace mpstage
