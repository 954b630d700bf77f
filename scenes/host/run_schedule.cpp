// SPDX-License-Identifier: MIT
// Replaying a recorded schedule of gate grants in a live run (mpstage-host --schedule).
#include "run_loop.h"

namespace mpstage {

using namespace mp::telemetry;

namespace {
std::uint64_t now()
{
    return monotonicNow();
}
} // namespace

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

// Replays a schedule: each step lets one named actor pass one gate, once it is waiting at one; the next step
// waits until that actor has moved and settled again (at its next gate, blocked, or gone). A step for an
// actor that is blocked is banked: it will pass its next gate when it gets there. Actors the schedule never
// names run freely. When the schedule is done, every actor runs freely.
void RunLoop::driveSchedule()
{
    if (m_schedule.empty())
        return;
    for (const Actor* a : m_world->actors()) {
        if (a->status != ActorStatus::AtGate || m_named.count(a->name)
            || m_freed[a->id.value] >= m_passed[a->id.value] + 1)
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

} // namespace mpstage
