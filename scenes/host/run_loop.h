// SPDX-License-Identifier: MIT
#pragma once
// The host's side of one live run (Supervisor::run forks the main actor, then hands over to this): it reads
// the telemetry and the control commands, holds events back briefly to deliver them in time order, reaps and
// watches the run's processes, replays a schedule (run_schedule.cpp) or
// lets an explorer choose each grant (run_explore.cpp), and cleans up what the run left.

#include "choice_points.h"
#include "control_commands.h"
#include "exit_watch.h"
#include "janitor.h"
#include "reaper.h"
#include "supervisor.h"

#include <mp/telemetry/session.h>
#include <mp/telemetry/wire.h>
#include <mp/telemetry/world.h>

#include <cstdint>
#include <ctime>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <sys/types.h>
#include <vector>

namespace mpstage {

// CLOCK_MONOTONIC in nanoseconds, the clock of the telemetry.
inline std::uint64_t monotonicNow()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(ts.tv_nsec);
}

using mp::telemetry::ActorId;
using mp::telemetry::Decoder;
using mp::telemetry::Event;
using mp::telemetry::EventType;
using mp::telemetry::Session;
using mp::telemetry::World;

// The state of one run as the loop sees it.
class RunLoop {
public:
    // Before the fork, so that the run's first event is the first in time too.
    void started()
    {
        hostEvent(Event { .type = EventType::RunStarted,
            .a = static_cast<std::int64_t>(m_options.detail),
            .text = m_scene.id,
            .detail = m_params.joined() });
    }

    RunLoop(
        const Scene& scene, const ParamValues& params, const RunOptions& options, Session& session, Janitor& janitor)
        : m_scene(scene)
        , m_params(params)
        , m_options(options)
        , m_session(session)
        , m_janitor(janitor)
        , m_world(std::make_shared<World>())
        , m_schedule(options.schedule ? *options.schedule : std::vector<ScheduleStep> {})
    {
        m_decoder.feed(mp::telemetry::streamHeader());
        for (const auto& step : m_schedule)
            m_named.insert(step.actor);
    }

    RunReport run(pid_t mainPid, int signalFd);

private:
    void receive(Event e);
    void release(bool all);
    void deliver(Event e);
    void hostEvent(Event e);
    void salvage(ActorId actor);
    void drainTelemetry();
    void readTelemetry();
    void readControl();
    void handle(const ControlCommand& cmd);
    void reap(bool block);
    void driveSchedule();
    bool scheduleCannotGoOn(const ScheduleStep& step);
    void driveExploration();
    void watchExits();
    void removeSharedMemory();
    void stopAll();
    ActorId actorNamed(const std::string& name) const;

    const Scene& m_scene;
    const ParamValues& m_params;
    const RunOptions& m_options;
    Session& m_session;
    Janitor& m_janitor;
    std::shared_ptr<World> m_world;
    Decoder m_decoder;
    RunReport m_report;
    pid_t m_mainPid = 0;
    bool m_telemetryOpen = true;
    bool m_killed = false;
    bool m_ending = false;
    std::uint32_t m_hostSeq = 0;
    std::string m_controlBuffer;
    bool m_controlOpen = true;
    // Schedule replay
    std::vector<ScheduleStep> m_schedule;
    std::size_t m_next = 0;
    ActorId m_granted;
    std::uint64_t m_passedAtGrant = 0;
    std::map<std::uint32_t, std::uint64_t> m_passed; // GatePassed per actor
    std::map<std::uint32_t, std::uint64_t> m_freed; // free-running actors: gates already granted
    std::set<std::string> m_named; // actors the schedule names
    std::uint64_t m_stuckSinceNs = 0; // since when the next step's actor is missing and everyone else waits
    std::vector<std::string> m_sharedMemory; // names of the blocks the run created (SharedMemory)
    ExitWatch m_exits;
    // Exploring (run_explore.cpp)
    ChoicePoints m_choices;
    std::uint32_t m_lastGranted = 0;
    // Actors flush on their own schedules, so their frames arrive a few ms out of time order. Events wait
    // here briefly and leave in time order (each actor's own order kept), so the narration, the trace and
    // the app read the run as it happened.
    std::multimap<std::pair<std::uint64_t, std::uint64_t>, Event> m_holdback;
    std::map<std::uint32_t, std::uint64_t> m_lastKey;
    std::uint64_t m_arrivals = 0;
    // Per actor, the seq after the last frame received: a frame salvaged from a dead actor's unsent buffer
    // that had also reached the pipe is received once.
    std::map<std::uint32_t, std::uint32_t> m_nextSeq;
};

} // namespace mpstage
