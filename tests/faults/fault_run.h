// SPDX-License-Identifier: MIT
#pragma once
// Runs a scene under the real Supervisor (in this process, as the host runs it) and kills one of its
// actors through the host's control channel the moment a chosen event is delivered, as the app's Kill
// button does. Returns every event of the run and what the host reported.

#include "supervisor.h"

#include <functional>
#include <string>
#include <vector>

namespace mpfault {

struct KillPlan {
    std::string victim; // actor name, e.g. "Process-1"
    // Decides, for each event as the host delivers it, whether now is the moment.
    std::function<bool(const mp::telemetry::Event&, const mp::telemetry::World& before)> when;
};

struct FaultRun {
    mpstage::RunReport report;
    std::vector<mp::telemetry::Event> events;
    bool killSent = false;

    // Whether `actor` printed a line containing `text`.
    bool printed(const std::string& actor, const std::string& text) const;
    // The exit code the run reported for `actor` (ActorExited), or 999 if none was reported.
    std::int64_t exitCode(const std::string& actor) const;
    int exitReports(const std::string& actor) const;
    std::string hangText() const; // every hang sentence, one per line
};

FaultRun runAndKill(const mpstage::Scene& scene, const KillPlan& plan, double timeoutS = 30.0);

// Event matchers for KillPlan::when.
bool isPrintFrom(
    const mp::telemetry::Event& e, const mp::telemetry::World& w, const std::string& actor, const std::string& text);
bool isBlockedIn(
    const mp::telemetry::Event& e, const mp::telemetry::World& w, const std::string& actor, const std::string& op);

} // namespace mpfault
