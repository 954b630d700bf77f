// SPDX-License-Identifier: MIT
#include "fault_run.h"

#include <fcntl.h>
#include <unistd.h>

namespace mpfault {

using mp::telemetry::Event;
using mp::telemetry::EventType;
using mp::telemetry::World;

FaultRun runAndKill(const mpstage::Scene& scene, const KillPlan& plan, double timeoutS)
{
    int control[2];
    if (::pipe2(control, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe2 failed");
    FaultRun out;
    mpstage::RunOptions options;
    options.timeoutS = timeoutS;
    options.controlFd = control[0];
    options.onEvent = [&](const World& before, const Event& e) {
        out.events.push_back(e);
        if (!out.killSent && plan.when(e, before)) {
            const std::string line = "{\"cmd\":\"kill\",\"actor\":\"" + plan.victim + "\"}\n";
            out.killSent = ::write(control[1], line.data(), line.size()) == static_cast<ssize_t>(line.size());
        }
    };
    out.report = mpstage::Supervisor(scene, mpstage::parseParams(scene.params, {}), options).run();
    ::close(control[0]);
    ::close(control[1]);
    return out;
}

bool FaultRun::printed(const std::string& actor, const std::string& text) const
{
    const auto it = report.result.printed.find(actor);
    return it != report.result.printed.end() && it->second.find(text) != std::string::npos;
}

std::int64_t FaultRun::exitCode(const std::string& actor) const
{
    for (const Event& e : events)
        if (e.type == EventType::ActorExited && e.text == actor)
            return e.a;
    return 999;
}

int FaultRun::exitReports(const std::string& actor) const
{
    int n = 0;
    for (const Event& e : events)
        n += e.type == EventType::ActorExited && e.text == actor ? 1 : 0;
    return n;
}

std::string FaultRun::hangText() const
{
    std::string out;
    for (const auto& s : report.result.hangSentences)
        out += s + "\n";
    return out;
}

bool isPrintFrom(const Event& e, const World& w, const std::string& actor, const std::string& text)
{
    return e.type == EventType::Print && w.actorName(e.actor) == actor && e.text.find(text) != std::string::npos;
}

bool isBlockedIn(const Event& e, const World& w, const std::string& actor, const std::string& op)
{
    return e.type == EventType::Blocked && w.actorName(e.actor) == actor && e.text == op;
}

} // namespace mpfault
