// SPDX-License-Identifier: MIT
#include "headless.h"

#include <mp/telemetry/event_views.h>
#include <mp/telemetry/narration.h>
#include <mp/telemetry/trace.h>

#include "program_scene.h"

#include <cstdio>
#include <fstream>

namespace mpstage {

using namespace mp::telemetry;

Event runEndedEvent(const Scene& scene, const ParamValues& params, const RunReport& report)
{
    if (!report.error.empty())
        return RunEnded::make(RunOutcome::Error, report.error);
    if (report.stopped)
        return RunEnded::make(RunOutcome::Stopped, {});
    const Verdict v = scene.check(report.result, params);
    return RunEnded::make(v.ok ? RunOutcome::AsDeclared : RunOutcome::NotAsDeclared, v.words);
}

int runHeadless(HostRequest& r)
{
    const Scene& scene = *r.scene;
    std::printf("Scene: %s (%s)\nParameters: %s\nExpected: %s\n\n", scene.title.c_str(), scene.id.c_str(),
        r.params.joined().c_str(), scene.expected(r.params).words.c_str());
    std::fflush(stdout);
    TraceWriter trace;
    r.options.onEvent = [&](const World& before, const Event& e) {
        if (!r.quiet) {
            const std::string line = narrate(before, e);
            if (!line.empty())
                std::printf("%s\n", line.c_str());
        }
        if (!r.tracePath.empty())
            trace.add(before, e);
    };
    r.options.onIdle = [] {
        std::fflush(stdout);
        return true;
    };
    Supervisor supervisor(scene, r.params, r.options);
    const RunReport report = supervisor.run();
    std::fflush(stdout);
    if (!report.error.empty()) {
        std::fprintf(stderr, "mpstage-host: %s\n", report.error.c_str());
        return report.badSchedule ? 2 : 3;
    }
    if (report.result.hung) {
        std::printf("\nThe run hung: every process is waiting and nothing can move.\n");
        for (const auto& s : report.hang)
            std::printf("  - %s\n", s.text.c_str());
    } else if (report.result.timedOut) {
        std::printf("\nThe run was stopped after %g s.\n", r.options.timeoutS);
    }
    const Event ended = runEndedEvent(scene, r.params, report);
    std::printf("\nOutcome: %s\n", ended.text.c_str());
    if (!r.tracePath.empty()) {
        std::ofstream out(r.tracePath);
        out << trace.json();
        if (!out) {
            std::fprintf(stderr, "mpstage-host: could not write %s\n", r.tracePath.c_str());
            return 3;
        }
    }
    if (!r.recordPath.empty()) {
        std::ofstream out(r.recordPath);
        out << formatSchedule(report.grants);
    }
    if (scene.program && report.result.mainExitCode == NOT_SUPPORTED_EXIT) {
        // a program using what mpstage does not provide: its one sentence says which call, and where
        const auto printed = report.result.printed.find("MainProcess");
        if (printed != report.result.printed.end()) {
            const std::string& text = printed->second;
            if (const auto at = text.find("mpstage: "); at != std::string::npos)
                std::fprintf(stderr, "%s\n", text.substr(at, text.find('\n', at) - at).c_str());
        }
        return NOT_SUPPORTED_EXIT;
    }
    return as<RunEnded>(ended).outcome == RunOutcome::AsDeclared ? 0 : 1;
}

} // namespace mpstage
