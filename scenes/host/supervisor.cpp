// SPDX-License-Identifier: MIT
#include "supervisor.h"
#include "control_commands.h"
#include "exit_watch.h"
#include "janitor.h"
#include "reaper.h"

#include <mp/telemetry/wire.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <csignal>
#include <ctime>
#include <poll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace mpstage {

using namespace mp::telemetry;

namespace {

std::uint64_t now()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(ts.tv_nsec);
}

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

    RunLoop(const Scene& scene, const ParamValues& params, const RunOptions& options, Session& session,
        Janitor& janitor)
        : m_scene(scene)
        , m_params(params)
        , m_options(options)
        , m_session(session)
        , m_janitor(janitor)
        , m_world(std::make_shared<World>())
        , m_schedule(options.schedule ? *options.schedule : std::vector<ScheduleStep> {})
    {
        m_decoder.feed(streamHeader());
        for (const auto& step : m_schedule)
            m_named.insert(step.actor);
    }

    RunReport run(pid_t mainPid, int signalFd);

private:
    void receive(Event e);
    void release(bool all);
    void deliver(Event e);
    void hostEvent(Event e);
    void readTelemetry();
    void readControl();
    void handle(const ControlCommand& cmd);
    void reap(bool block);
    void driveSchedule();
    bool scheduleCannotGoOn(const ScheduleStep& step);
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
    // Actors flush on their own schedules, so their frames arrive a few ms out of time order. Events wait
    // here briefly and leave in time order (each actor's own order kept), so the narration, the trace and
    // the app read the run as it happened.
    std::multimap<std::pair<std::uint64_t, std::uint64_t>, Event> m_holdback;
    std::map<std::uint32_t, std::uint64_t> m_lastKey;
    std::uint64_t m_arrivals = 0;
};

constexpr std::uint64_t HOLDBACK_NS = 30'000'000;

void RunLoop::receive(Event e)
{
    if (e.type == EventType::ObjectCreated && e.a == static_cast<std::int64_t>(ObjectKind::SharedMemory)) {
        m_sharedMemory.push_back(e.text); // on arrival, not after the hold-back: the host may be killed meanwhile
        m_janitor.sharedMemory(e.text);
    }
    std::uint64_t& last = m_lastKey[e.actor.value];
    const std::uint64_t key = std::max(e.timeNs, last);
    last = key;
    m_holdback.emplace(std::make_pair(key, m_arrivals++), std::move(e));
}

void RunLoop::release(bool all)
{
    const std::uint64_t horizon = now() - HOLDBACK_NS;
    while (!m_holdback.empty() && (all || m_holdback.begin()->first.first < horizon)) {
        Event e = std::move(m_holdback.begin()->second);
        m_holdback.erase(m_holdback.begin());
        deliver(std::move(e));
    }
}

void RunLoop::deliver(Event e)
{
    if (e.type == EventType::ActorExited) {
        // The host reports a death its parent has not reaped yet (watchExits); the parent's own report of the
        // same exit, when it finally joins, says nothing new.
        const Actor* a = m_world->actor(ActorId { static_cast<std::uint32_t>(e.b) });
        if (e.b != 0 && a && a->status == ActorStatus::Exited)
            return;
        m_exits.forget(static_cast<std::uint32_t>(e.b));
    }
    if (e.type == EventType::ActorStarted && e.actor.value > 1)
        m_exits.watch(e.actor.value, static_cast<pid_t>(e.a));
    if (e.type == EventType::GatePassed)
        ++m_passed[e.actor.value];
    if (e.type == EventType::Print && e.a == 1)
        m_report.result.allPrinted += e.text;
    if (e.type == EventType::Print)
        m_report.result.printed[m_world->actorName(e.actor)] += e.text;
    if (m_options.onEvent)
        m_options.onEvent(*m_world, e);
    m_world->apply(e);
}

void RunLoop::hostEvent(Event e)
{
    e.actor = ActorId {};
    e.timeNs = now();
    e.seq = m_hostSeq++;
    receive(std::move(e));
}

void RunLoop::readTelemetry()
{
    char buf[65536];
    const ssize_t n = ::read(m_session.readFd(), buf, sizeof buf);
    if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
        m_telemetryOpen = false;
        return;
    }
    if (n < 0)
        return;
    m_decoder.feed(std::string_view(buf, static_cast<std::size_t>(n)));
    try {
        while (auto e = m_decoder.next())
            receive(std::move(*e));
    } catch (const DecodeError& err) {
        m_report.error = std::string("malformed telemetry from the run: ") + err.what();
        stopAll();
    }
}

void RunLoop::readControl()
{
    char buf[4096];
    const ssize_t n = ::read(m_options.controlFd, buf, sizeof buf);
    if (n <= 0) {
        if (n == 0 || errno != EINTR) { // our parent has gone (or closed our input): end the run
            m_controlOpen = false;
            m_report.stopped = true;
            stopAll();
        }
        return;
    }
    m_controlBuffer.append(buf, static_cast<std::size_t>(n));
    std::size_t eol;
    while ((eol = m_controlBuffer.find('\n')) != std::string::npos) {
        const std::string lineText = m_controlBuffer.substr(0, eol);
        m_controlBuffer.erase(0, eol + 1);
        if (lineText.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        try {
            handle(parseControlCommand(lineText));
        } catch (const std::exception& err) {
            std::fprintf(stderr, "mpstage-host: ignored control line: %s\n", err.what());
        }
    }
}

ActorId RunLoop::actorNamed(const std::string& name) const
{
    for (const Actor* a : m_world->actors())
        if (a->name == name)
            return a->id;
    return {};
}

void RunLoop::handle(const ControlCommand& cmd)
{
    const ActorId target = cmd.actorId ? ActorId { static_cast<std::uint32_t>(cmd.actorId) } : actorNamed(cmd.actorName);
    switch (cmd.kind) {
    case ControlCommand::Pause:
        m_session.pauseAll();
        break;
    case ControlCommand::Resume:
        m_session.resumeAll();
        break;
    case ControlCommand::Micro:
        m_session.setMicroSteps(cmd.on);
        break;
    case ControlCommand::Step:
        if (target) {
            m_session.step(target, cmd.micro);
            m_report.grants.push_back(ScheduleStep { m_world->actorName(target), cmd.micro });
        }
        break;
    case ControlCommand::Kill:
        if (const int pid = target ? m_session.pid(target) : 0; pid > 0)
            ::kill(pid, SIGKILL);
        break;
    case ControlCommand::Stop:
        m_report.stopped = true;
        stopAll();
        break;
    }
}

void RunLoop::stopAll()
{
    if (m_killed || m_mainPid <= 0)
        return;
    m_killed = true;
    ::kill(-m_mainPid, SIGKILL); // the whole process group: every actor of the run
}

void RunLoop::reap(bool block)
{
    for (const Reaped& r : reapChildren(m_mainPid, block)) {
        if (r.pid == m_mainPid) {
            m_report.result.mainExitCode = r.code;
            hostEvent(Event { .type = EventType::ActorExited, .a = r.code, .b = 1, .text = "MainProcess" });
            continue;
        }
        // An orphan handed to us (its parent died first): report its end if nobody else will.
        if (const Actor* a = m_world->actorByPid(r.pid); a && a->status != ActorStatus::Exited)
            hostEvent(Event { .type = EventType::ActorExited, .a = r.code, .b = a->id.value, .text = a->name });
    }
}

// An actor killed while its parent is busy elsewhere stays unreaped; report it once it has been dead for a
// moment, so the World (and a waiter's hang explanation) knows it is gone.
void RunLoop::watchExits()
{
    constexpr std::uint64_t GRACE_NS = 100'000'000;
    for (const ExitWatch::Dead& d : m_exits.poll(now(), GRACE_NS)) {
        const Actor* a = m_world->actor(ActorId { d.actor });
        if (a && a->status != ActorStatus::Exited)
            hostEvent(Event { .type = EventType::ActorExited, .a = d.code, .b = d.actor, .text = a->name });
    }
}

// True once the next step's actor has been missing for a while with every live actor waiting (paused at a
// gate for a step of its own, or blocked): nothing can ever bring that actor, so the step can never come.
bool RunLoop::scheduleCannotGoOn(const ScheduleStep& step)
{
    constexpr std::uint64_t GIVE_UP_NS = 1'500'000'000;
    bool anyRunning = false;
    bool anyAtGate = false;
    for (const Actor* a : m_world->actors()) {
        if (a->live()) {
            anyRunning = anyRunning || a->status == ActorStatus::Running;
            anyAtGate = anyAtGate || a->status == ActorStatus::AtGate;
        }
    }
    if (anyRunning || !anyAtGate || actorNamed(step.actor)) {
        m_stuckSinceNs = 0;
        return false;
    }
    const std::uint64_t t = now();
    if (m_stuckSinceNs == 0 || m_world->progressNs() > m_stuckSinceNs)
        m_stuckSinceNs = t;
    return t - m_stuckSinceNs >= GIVE_UP_NS;
}

// Every process of the run has gone: a block it created and never unlinked (its creator was killed, or the
// run was stopped) would stay in /dev/shm for good. CPython's resource tracker unlinks such blocks when the
// program shuts down; the host does it when the run does.
void RunLoop::removeSharedMemory()
{
    for (const std::string& name : m_sharedMemory) {
        constexpr std::string_view NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";
        const bool plain = !name.empty() && name[0] != '.' && name.find_first_not_of(NAME_CHARS) == std::string::npos;
        if (plain) // a name as the engine makes them; anything else in the stream is not ours to remove
            ::shm_unlink(("/" + name).c_str());
    }
}

// Replays a schedule: each step lets one named actor pass one gate, once it is waiting at one; the next step
// waits until that actor has moved and settled again (at its next gate, blocked, or gone). A step for an
// actor that is blocked is banked: it will pass its next gate when it gets there. Actors the schedule never
// names run freely. When the schedule is done, every actor runs freely.
void RunLoop::driveSchedule()
{
    if (m_schedule.empty())
        return;
    for (const Actor* a : m_world->actors()) {
        if (a->status != ActorStatus::AtGate || m_named.count(a->name) || m_freed[a->id.value] >= m_passed[a->id.value] + 1)
            continue;
        m_freed[a->id.value] = m_passed[a->id.value] + 1; // one grant per gate it reaches
        m_session.step(a->id, true);
    }
    if (m_granted) {
        const Actor* a = m_world->actor(m_granted);
        const bool moved = m_passed[m_granted.value] > m_passedAtGrant;
        const bool settled = a
            && (a->status == ActorStatus::Exited || a->status == ActorStatus::Blocked
                || (moved && a->status == ActorStatus::AtGate));
        if (!settled)
            return;
        m_granted = {};
    }
    if (m_next >= m_schedule.size()) {
        if (m_session.paused() && !m_options.startPaused)
            m_session.resumeAll(); // the schedule is done: let the rest run freely
        return;
    }
    const ScheduleStep& step = m_schedule[m_next];
    const ActorId target = actorNamed(step.actor);
    const Actor* a = target ? m_world->actor(target) : nullptr;
    if (a && a->status == ActorStatus::Exited) {
        m_report.error = "schedule step " + std::to_string(m_next + 1) + " is for " + step.actor
            + ", which has already exited: the schedule does not fit this run";
        m_report.badSchedule = true;
        stopAll();
        return;
    }
    if (!a && scheduleCannotGoOn(step)) {
        std::string names;
        for (const Actor* other : m_world->actors())
            names += (names.empty() ? "" : ", ") + other->name;
        m_report.error = "schedule step " + std::to_string(m_next + 1) + " is for " + step.actor
            + ", but no process of that name ever started (this run has " + names
            + ") and every process is waiting: the schedule does not fit this run";
        m_report.badSchedule = true;
        stopAll();
        return;
    }
    if (!a || (a->status != ActorStatus::AtGate && a->status != ActorStatus::Blocked))
        return; // not there yet
    m_session.step(target, step.micro);
    m_report.grants.push_back(step);
    ++m_next;
    if (a->status == ActorStatus::AtGate) {
        m_passedAtGrant = m_passed[target.value];
        m_granted = target;
    }
}

RunReport RunLoop::run(pid_t mainPid, int signalFd)
{
    m_mainPid = mainPid;
    const std::uint64_t start = now();
    const auto quietNs = static_cast<std::uint64_t>(m_scene.hangAfter * 1e9);
    while (m_telemetryOpen) {
        pollfd fds[3] = { { m_session.readFd(), POLLIN, 0 }, { signalFd, POLLIN, 0 }, { m_options.controlFd, POLLIN, 0 } };
        const nfds_t count = (m_options.controlFd >= 0 && m_controlOpen) ? 3 : 2;
        ::poll(fds, count, 20);
        if (fds[0].revents)
            readTelemetry();
        if (fds[1].revents) { // SIGTERM, SIGINT or SIGHUP: end the run, leave nothing behind, then go
            signalfd_siginfo info {};
            (void)!::read(signalFd, &info, sizeof info);
            m_report.stopped = true;
            stopAll();
        }
        if (count == 3 && fds[2].revents)
            readControl();
        reap(false);
        watchExits();
        release(false);
        if (m_options.onIdle && !m_options.onIdle() && !m_killed) {
            m_report.stopped = true; // whoever reads our output has gone
            stopAll();
        }
        if (m_killed)
            continue; // drain until every actor is gone
        driveSchedule();
        const std::uint64_t t = now();
        if (!m_report.result.hung && isHung(*m_world, t, quietNs)) {
            m_report.hang = explainHang(*m_world, t, quietNs);
            m_report.result.hung = true;
            for (const auto& s : m_report.hang)
                m_report.result.hangSentences.push_back(s.text);
            if (m_options.stopOnHang)
                stopAll();
        } else if (static_cast<double>(t - start) > m_options.timeoutS * 1e9) {
            m_report.result.timedOut = true;
            stopAll();
        }
    }
    reap(true);
    release(true);
    removeSharedMemory();
    if (!m_killed && m_report.error.empty() && m_next < m_schedule.size()) {
        // The run ended by itself before the schedule did: replaying it did not reproduce the run it recorded.
        const ScheduleStep& step = m_schedule[m_next];
        m_report.error = "schedule step " + std::to_string(m_next + 1) + " (" + step.actor
            + ") was never granted: the run ended first, so the schedule does not fit this run";
        m_report.badSchedule = true;
    }
    m_report.result.world = m_world;
    return std::move(m_report);
}

} // namespace

Supervisor::Supervisor(const Scene& scene, ParamValues params, RunOptions options)
    : m_scene(scene)
    , m_params(std::move(params))
    , m_options(std::move(options))
{
}

RunReport Supervisor::run()
{
    Janitor janitor; // first: it must hold none of the run's descriptors
    Session session(m_options.detail);
    if (m_options.startPaused || m_options.schedule)
        session.pauseAll();
    if (m_options.schedule)
        for (const auto& step : *m_options.schedule)
            if (step.micro)
                session.setMicroSteps(true);
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    // Being told to stop (a terminal's Ctrl+C, a kill) ends the run cleanly instead of abandoning it.
    sigset_t stopSignals, previous;
    sigemptyset(&stopSignals);
    for (const int sig : { SIGTERM, SIGINT, SIGHUP })
        sigaddset(&stopSignals, sig);
    ::sigprocmask(SIG_BLOCK, &stopSignals, &previous);
    const int signalFd = ::signalfd(-1, &stopSignals, SFD_CLOEXEC | SFD_NONBLOCK);
    RunLoop loop(m_scene, m_params, m_options, session, janitor);
    loop.started();
    std::fflush(nullptr);
    const pid_t host = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::sigprocmask(SIG_SETMASK, &previous, nullptr);
        ::close(signalFd);
        RunReport failed;
        failed.error = std::string("could not start the run: ") + std::strerror(errno);
        return failed;
    }
    if (pid == 0) {
        ::sigprocmask(SIG_SETMASK, &previous, nullptr); // the actors keep the signals they had
        ::close(signalFd);
        janitor.leaveToHost();
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // the run dies with its host
        if (::getppid() != host)
            ::_exit(1);
        const Scene& scene = m_scene;
        const ParamValues& params = m_params;
        session.runMainActor([&] { scene.run(params); });
    }
    ::setpgid(pid, pid);
    janitor.runGroup(pid);
    session.closeWriteEnd();
    RunReport report = loop.run(pid, signalFd);
    ::close(signalFd);
    ::sigprocmask(SIG_SETMASK, &previous, nullptr);
    return report;
}

} // namespace mpstage
