// SPDX-License-Identifier: MIT
#include "run_loop.h"

#include <mp/telemetry/event_views.h>
#include <mp/telemetry/wire.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <map>
#include <poll.h>
#include <set>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace mpstage {

using namespace mp::telemetry;

namespace {
std::uint64_t now()
{
    return monotonicNow();
}
} // namespace

constexpr std::uint64_t HOLDBACK_NS = 30'000'000;

void RunLoop::receive(Event e)
{
    if (e.actor) {
        const auto [next, first] = m_nextSeq.try_emplace(e.actor.value, 0);
        if (!first && e.seq < next->second)
            return; // had it already
        next->second = e.seq + 1;
    }
    if (is<ActorExited>(e))
        salvage(as<ActorExited>(e).exited); // before the exit: what it did last
    if (m_options.choose)
        m_choices.observe(e, now());
    if (is<ObjectCreated>(e))
        if (const auto v = as<ObjectCreated>(e); v.kind == ObjectKind::SharedMemory) {
            m_sharedMemory.push_back(v.label); // on arrival, not after the hold-back: the host may be killed meanwhile
            m_janitor.sharedMemory(v.label);
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
        const ActorId exited = as<ActorExited>(e).exited;
        const Actor* a = m_world->actor(exited);
        if (exited && a && a->status == ActorStatus::Exited)
            return;
        m_exits.forget(exited.value);
    }
    if (e.type == EventType::ActorStarted && e.actor.value > 1)
        m_exits.watch(e.actor.value, static_cast<pid_t>(as<ActorStarted>(e).pid));
    if (e.type == EventType::GatePassed)
        ++m_passed[e.actor.value];
    if (e.type == EventType::Print) {
        const auto v = as<Print>(e);
        if (!v.toStderr)
            m_report.result.allPrinted += v.text;
        m_report.result.printed[m_world->actorName(e.actor)] += v.text;
    }
    if (m_options.onEvent)
        m_options.onEvent(*m_world, e);
    m_world->apply(e);
}

// An actor's last frames, encoded but not yet written when it ended (a SIGKILL between two flushes), are kept
// in the control block (Session::unsent): they join the stream before its exit, so nothing it did is lost from
// the picture because it died. Those that had reached the pipe were received already and are skipped.
void RunLoop::salvage(ActorId actor)
{
    const std::string bytes = m_session.unsent(actor);
    if (bytes.empty())
        return;
    Decoder frames;
    frames.feed(streamHeader());
    frames.feed(bytes);
    try {
        while (auto e = frames.next())
            if (e->actor == actor)
                receive(std::move(*e));
    } catch (const DecodeError&) { // a frame cut short: the actor died while it was encoding it
    }
}

// What the pipe holds now, before the host reports an exit itself: the dead actor's frames come first.
void RunLoop::drainTelemetry()
{
    pollfd p { m_session.readFd(), POLLIN, 0 };
    while (m_telemetryOpen && ::poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP)))
        readTelemetry();
}

void RunLoop::hostEvent(Event e)
{
    if (e.type == EventType::ActorExited)
        drainTelemetry();
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
    const ActorId target
        = cmd.actorId ? ActorId { static_cast<std::uint32_t>(cmd.actorId) } : actorNamed(cmd.actorName);
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
            hostEvent(ActorExited::make(ActorId { 1 }, r.code, "MainProcess"));
            continue;
        }
        // An orphan handed to us (its parent died first): report its end if nobody else will.
        if (const Actor* a = m_world->actorByPid(r.pid); a && a->status != ActorStatus::Exited)
            hostEvent(ActorExited::make(a->id, r.code, a->name));
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
            hostEvent(ActorExited::make(a->id, d.code, a->name));
    }
}

RunReport RunLoop::run(pid_t mainPid, int signalFd)
{
    m_mainPid = mainPid;
    const std::uint64_t start = now();
    if (m_options.choose)
        m_choices.mainStarted(mainPid, start);
    const auto quietNs = static_cast<std::uint64_t>(m_scene.hangAfter * 1e9);
    while (m_telemetryOpen) {
        pollfd fds[3]
            = { { m_session.readFd(), POLLIN, 0 }, { signalFd, POLLIN, 0 }, { m_options.controlFd, POLLIN, 0 } };
        const nfds_t count = (m_options.controlFd >= 0 && m_controlOpen) ? 3 : 2;
        ::poll(fds, count, m_options.choose ? 1 : 20); // exploring: a choice point is taken within 1 ms
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
        driveExploration();
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

} // namespace mpstage
