// SPDX-License-Identifier: MIT
#pragma once
// Goal mode (as The Deadlock Empire plays it): a scene declares what a student stepping the processes by
// hand should make happen ("make both processes lose an update -- loses updates"); the run reaches it when
// its outcome is that one. Plain C++: the app calls it with what the run showed.

#include <mp/telemetry/event.h>

#include <mpstage/scene_info.h>

#include <optional>
#include <string>

namespace mpstage::app {

// What the run turned out to show, as a kind of outcome: a run that hung hangs; one that ended as the
// scene declares shows the declared kind; one that did not, where the scene declares a bug, lost nothing and
// completed. Nothing (yet) for a run still going and not hung, a stopped or failed run, or a run that did
// not end as a scene declaring it completes says (its words tell what went wrong, not a kind).
std::optional<OutcomeKind> shownOutcome(bool ended, mp::telemetry::RunOutcome result, bool hung, OutcomeKind declared);

struct GoalState {
    bool reached = false;
    std::string words; // for the banner: empty while there is nothing to say
};

// steps: the gate grants the student gave; explorerSteps: the grants of the explorer's bad schedule for
// this goal (0: it has not been run, or found none).
GoalState checkGoal(const Goal& goal, std::optional<OutcomeKind> shown, int steps, int explorerSteps);

} // namespace mpstage::app
