// SPDX-License-Identifier: MIT
#pragma once
// One run of one scene, supervised: the host's single-threaded loop. It maps the control block, forks the
// scene's main actor into a process group of its own, becomes the child subreaper, decodes the telemetry
// into a World, reaps every actor, takes control commands, notices a hang, and kills the whole run when
// asked, when the run hangs or times out, or when the host is stopped. Nothing outlives a run.

#include <mpstage/scene.h>

#include <mp/telemetry/event.h>
#include <mp/telemetry/hang.h>
#include <mp/telemetry/session.h>
#include <mp/telemetry/world.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mpstage {

struct ScheduleStep {
    std::string actor; // actor name, e.g. "Process-1"
    bool micro = false;
};

struct RunOptions {
    mp::telemetry::Detail detail = mp::telemetry::Detail::Full;
    double timeoutS = 30.0;
    // Replay these grants at the gates, then let the run go on freely.
    std::optional<std::vector<ScheduleStep>> schedule;
    // Start paused (the app then steps or resumes).
    bool startPaused = false;
    // End the run when it hangs (headless), or keep it for the app to show (serve).
    bool stopOnHang = true;
    // Descriptor to read control commands from (one JSON object per line), or -1.
    int controlFd = -1;
    // Every event, in the order the World applies it (actors' and the host's own), with the World before it.
    std::function<void(const mp::telemetry::World& before, const mp::telemetry::Event&)> onEvent;
    // Called every turn of the loop (at least every 20 ms); returning false stops the run.
    std::function<bool()> onIdle;
    // Exploring (mpstage-host explore): the run starts paused with micro-steps on, and at each choice point
    // (choice_points.h) this is given the actors waiting at a gate (sorted) and the one granted last (0 at
    // first); it returns the one to grant a step, recorded in RunReport::grants, or 0 to stop the run.
    std::function<std::uint32_t(const std::vector<std::uint32_t>& waiting, std::uint32_t last)> choose;
};

struct RunReport {
    RunResult result; // what the scene's check looks at, the final World included
    std::vector<mp::telemetry::HangSentence> hang;
    std::vector<ScheduleStep> grants; // every step granted, in order (a schedule to replay)
    bool stopped = false; // a stop command or the control input closing ended it
    std::string error; // a malformed stream, a failed fork, a schedule that does not fit...
    bool badSchedule = false; // the error is the --schedule's fault: bad input (exit status 2)
};

class Supervisor {
public:
    Supervisor(const Scene& scene, ParamValues params, RunOptions options);
    RunReport run();

private:
    const Scene& m_scene;
    ParamValues m_params;
    RunOptions m_options;
};

// The RunEnded event that closes a run's stream: the outcome as a value, and in words.
mp::telemetry::Event runEndedEvent(const Scene& scene, const ParamValues& params, const RunReport& report);

std::vector<ScheduleStep> parseSchedule(const std::string& text); // JSON lines; throws std::runtime_error
std::string formatSchedule(const std::vector<ScheduleStep>& steps);

} // namespace mpstage
