// SPDX-License-Identifier: MIT
#include "run/step_plan.h"

#include <nlohmann/json.hpp>

#include <sstream>
#include <stdexcept>

namespace mpstage::app {

using mp::telemetry::Actor;
using mp::telemetry::ActorStatus;

std::vector<PlannedStep> readStepPlan(const std::string& schedule)
{
    std::vector<PlannedStep> out;
    std::istringstream in(schedule);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object() || !j.contains("actor") || !j["actor"].is_string())
            throw std::runtime_error("line " + std::to_string(n) + " of the schedule is not {\"actor\":NAME,...}");
        out.push_back({ j["actor"].get<std::string>(), j.value("micro", false) });
    }
    return out;
}

const Actor* StepPlan::ready(const mp::telemetry::World& world) const
{
    if (!active())
        return nullptr;
    if (m_granted.value != 0)
        if (const Actor* last = world.actor(m_granted); last && last->nextSeq == m_seqAtGrant)
            return nullptr; // no event from it since the grant: it has not passed its gate yet
    const Actor* chosen = nullptr;
    for (const Actor* a : world.actors()) {
        if (!a->live())
            continue;
        if (a->status == ActorStatus::Running)
            return nullptr; // the last step has not settled yet
        if (a->name == m_steps[m_next].actor && a->status == ActorStatus::AtGate)
            chosen = a;
    }
    return chosen;
}

} // namespace mpstage::app
