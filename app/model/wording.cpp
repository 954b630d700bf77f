// SPDX-License-Identifier: MIT
#include "model/wording.h"

#include <mp/telemetry/wording.h>

#include <cstdio>

namespace mpstage::app {

using namespace mp::telemetry;

std::string exitWords(std::int64_t code)
{
    if (code < 0)
        return "killed by " + mp::telemetry::wording::signalName(-code);
    return "exited, code " + std::to_string(code);
}

std::string actorStateWords(const World& world, const Actor& actor)
{
    switch (actor.status) {
    case ActorStatus::Running:
        return "running";
    case ActorStatus::AtGate: // a line gate says nothing the listing line does not
        return actor.gate.where.empty() || actor.gate.where == "line" ? "paused" : "paused before " + actor.gate.where;
    case ActorStatus::Blocked: {
        const BlockedOn& b = actor.blocked;
        std::string words = "blocked in " + b.operation + "()";
        if (b.joined)
            words += " on " + world.actorName(b.joined);
        else if (b.object)
            words += " on " + mp::telemetry::wording::waitedOn(world, actor); // "output_p", when the ends are named
        return words;
    }
    case ActorStatus::Exited:
        return actor.exitCode ? exitWords(*actor.exitCode) : "exited";
    }
    return {};
}

std::string whyNoStep(const World& world, const Actor& actor)
{
    if (!actor.known)
        return actor.name + " has not started yet.";
    if (actor.status == ActorStatus::Exited)
        return actor.name + " has " + actorStateWords(world, actor) + ": it has no more steps to take.";
    if (actor.status == ActorStatus::Blocked)
        return actor.name + " is " + actorStateWords(world, actor)
            + ": it cannot move until another process does something. Step another process.";
    return {};
}

std::string shortActorName(const std::string& name)
{
    if (name == "MainProcess")
        return "Main";
    if (name.rfind("Process-", 0) == 0)
        return "P-" + name.substr(8);
    if (name.rfind("ForkPoolWorker-", 0) == 0) // a Pool's workers
        return "W-" + name.substr(15);
    return name.substr(0, 6);
}

std::string durationWords(std::uint64_t ns)
{
    char buf[32];
    if (ns >= 1'000'000'000ULL)
        std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ns) / 1e9);
    else if (ns >= 1'000'000ULL)
        std::snprintf(buf, sizeof buf, "%.0f ms", static_cast<double>(ns) / 1e6);
    else
        std::snprintf(buf, sizeof buf, "%.0f µs", static_cast<double>(ns) / 1e3);
    return buf;
}

} // namespace mpstage::app
