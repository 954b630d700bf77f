// SPDX-License-Identifier: MIT
// An explored run (mpstage-host explore): at each choice point the explorer picks who passes its gate.
#include "run_loop.h"

namespace mpstage {

// Long enough for a process woken by another's step (a join that returns, a lock handed over) to be heard
// from before the next choice; each choice waits this long.
constexpr std::uint64_t SETTLE_NS = 1'000'000;

void RunLoop::driveExploration()
{
    if (!m_options.choose)
        return;
    const std::uint64_t t = monotonicNow();
    const std::vector<std::uint32_t> waiting = m_choices.waiting(t, SETTLE_NS);
    if (waiting.empty())
        return;
    const std::uint32_t pick = m_options.choose(waiting, m_lastGranted);
    if (pick == 0) {
        m_report.stopped = true;
        stopAll();
        return;
    }
    m_choices.granted(pick, t);
    m_session.step(ActorId { pick }, true);
    m_report.grants.push_back(ScheduleStep { m_choices.name(pick), true });
    m_lastGranted = pick;
}

} // namespace mpstage
