// SPDX-License-Identifier: MIT
#include "choice_points.h"

#include <mp/telemetry/event_views.h>

#include <fstream>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace mpstage {

using namespace mp::telemetry;

ChoicePoints::~ChoicePoints()
{
    for (const auto& [id, t] : m_actors)
        if (t.pidfd >= 0)
            ::close(t.pidfd);
}

ChoicePoints::Tracked& ChoicePoints::actor(std::uint32_t id)
{
    return m_actors[id];
}

void ChoicePoints::watch(Tracked& t, pid_t pid)
{
    if (t.pid == pid || pid <= 0)
        return;
    if (t.pidfd >= 0)
        ::close(t.pidfd);
    t.pid = pid;
    t.pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (t.pidfd < 0)
        t.exited = true; // already gone and reaped
}

void ChoicePoints::mainStarted(pid_t pid, std::uint64_t nowNs)
{
    Tracked& t = actor(1);
    t.name = "MainProcess";
    watch(t, pid);
    m_changedNs = nowNs;
}

void ChoicePoints::observe(const Event& e, std::uint64_t nowNs)
{
    m_changedNs = nowNs;
    switch (e.type) {
    case EventType::ActorStarted: {
        Tracked& t = actor(e.actor.value);
        t.name = as<ActorStarted>(e).name;
        watch(t, static_cast<pid_t>(as<ActorStarted>(e).pid));
        break;
    }
    case EventType::ActorExited:
        if (const ActorId exited = as<ActorExited>(e).exited; exited)
            actor(exited.value).exited = true;
        break;
    case EventType::GateWaiting:
        ++actor(e.actor.value).atGate;
        break;
    case EventType::GatePassed: {
        Tracked& t = actor(e.actor.value);
        if (t.atGate > 0)
            --t.atGate;
        t.granted = false;
        break;
    }
    case EventType::Blocked: {
        Tracked& t = actor(e.actor.value);
        ++t.blocked;
        if (const ActorId joined = as<Blocked>(e).joined; joined)
            t.joining = joined.value;
        break;
    }
    case EventType::Unblocked:
        if (Tracked& t = actor(e.actor.value); t.blocked > 0 && --t.blocked == 0)
            t.joining = 0;
        break;
    default:
        break;
    }
}

void ChoicePoints::granted(std::uint32_t id, std::uint64_t nowNs)
{
    actor(id).granted = true;
    m_changedNs = nowNs;
}

// A child of a process of the run that has not said it started (fork() has returned in the parent, the
// child has not reported yet): it is about to run, so this is no choice point yet.
bool ChoicePoints::unknownChild() const
{
    for (const auto& [id, t] : m_actors) {
        if (t.exited || t.pid <= 0)
            continue;
        std::ifstream children("/proc/" + std::to_string(t.pid) + "/task/" + std::to_string(t.pid) + "/children");
        pid_t child = 0;
        while (children >> child) {
            bool known = false;
            for (const auto& [otherId, other] : m_actors)
                known = known || other.pid == child;
            if (!known)
                return true;
        }
    }
    return false;
}

std::vector<std::uint32_t> ChoicePoints::waiting(std::uint64_t nowNs, std::uint64_t settleNs)
{
    for (auto& [id, t] : m_actors) {
        if (t.exited || t.pidfd < 0)
            continue;
        pollfd p { t.pidfd, POLLIN, 0 };
        if (::poll(&p, 1, 0) > 0) {
            t.exited = true;
            m_changedNs = nowNs;
        }
    }
    std::vector<std::uint32_t> out;
    for (const auto& [id, t] : m_actors) {
        if (t.exited)
            continue;
        if (t.granted || (t.atGate == 0 && t.blocked == 0))
            return {}; // moving
        // Blocked in join() for a process that has ended: it is waking up (its Unblocked is on its way).
        if (t.joining != 0 && t.atGate == 0)
            if (const auto joined = m_actors.find(t.joining); joined != m_actors.end() && joined->second.exited)
                return {};
        // Reported, perhaps not yet asleep at it: a grant given now is taken at that gate all the same.
        if (t.atGate > 0)
            out.push_back(id);
    }
    if (out.empty() || nowNs - m_changedNs < settleNs || unknownChild())
        return {};
    return out;
}

std::string ChoicePoints::name(std::uint32_t id) const
{
    const auto it = m_actors.find(id);
    return it == m_actors.end() ? std::string() : it->second.name;
}

} // namespace mpstage
