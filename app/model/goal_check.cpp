// SPDX-License-Identifier: MIT
#include "model/goal_check.h"

namespace mpstage::app {

using mp::telemetry::RunOutcome;

std::optional<OutcomeKind> shownOutcome(bool ended, RunOutcome result, bool hung, OutcomeKind declared)
{
    if (hung)
        return OutcomeKind::Hangs;
    if (!ended)
        return std::nullopt;
    if (result == RunOutcome::AsDeclared)
        return declared;
    if (result == RunOutcome::NotAsDeclared && declared != OutcomeKind::Completes)
        return OutcomeKind::Completes;
    return std::nullopt;
}

namespace {

std::string steps(int n)
{
    return std::to_string(n) + (n == 1 ? " step" : " steps");
}

} // namespace

GoalState checkGoal(const Goal& goal, std::optional<OutcomeKind> shown, int given, int explorerSteps)
{
    if (!goal.declared() || !shown)
        return {};
    GoalState s;
    s.reached = *shown == goal.kind;
    if (s.reached) {
        s.words = "Goal reached: " + goal.words + ", in " + steps(given) + ".";
        if (explorerSteps > 0)
            s.words += " The explorer's schedule did it in " + steps(explorerSteps) + ".";
    } else {
        s.words = "Goal not reached: " + goal.words + ". Start again and step the processes in another order.";
    }
    return s;
}

} // namespace mpstage::app
