// SPDX-License-Identifier: MIT
#pragma once
// When an explored run is at a choice point (mpstage-host explore): every process of the run has stopped
// moving (waiting at a gate, blocked, or gone), none is starting, and nothing has been heard for a moment;
// then the waiting ones are the choices. It reads each actor's frames as they arrive (one actor's frames
// come in order), not the World, which the host holds back for tens of ms to put actors in time order: a
// choice point a step comes sooner. A process forked but not yet heard from is found in /proc (the
// children of every process of the run), and one that has ended through its pidfd.

#include <mp/telemetry/event.h>

#include <cstdint>
#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace mpstage {

class ChoicePoints {
public:
    ChoicePoints() = default;
    ~ChoicePoints();
    ChoicePoints(const ChoicePoints&) = delete;
    ChoicePoints& operator=(const ChoicePoints&) = delete;

    void mainStarted(pid_t pid, std::uint64_t nowNs);
    void observe(const mp::telemetry::Event& e, std::uint64_t nowNs);
    // The host let `actor` pass its gate: it is moving until its GatePassed arrives.
    void granted(std::uint32_t actor, std::uint64_t nowNs);
    // At a choice point: the actors waiting at a gate, sorted. Empty while anything may still move, or
    // settleNs have not passed since the last change.
    // An actor with two threads at gates (its main thread and a queue's feeder) is one choice: the engine
    // has one grant counter per process, and either thread may take the grant.
    std::vector<std::uint32_t> waiting(std::uint64_t nowNs, std::uint64_t settleNs);
    std::string name(std::uint32_t actor) const;

private:
    struct Tracked {
        std::string name;
        pid_t pid = 0;
        int pidfd = -1;
        int atGate = 0; // threads waiting at a gate (a queue's feeder thread has gates too)
        int blocked = 0; // Blocked reports without their Unblocked (a thread each)
        std::uint32_t joining = 0; // blocked in join() for this actor
        bool exited = false;
        bool granted = false;
    };
    Tracked& actor(std::uint32_t id);
    void watch(Tracked& t, pid_t pid);
    bool unknownChild() const;

    std::map<std::uint32_t, Tracked> m_actors;
    std::uint64_t m_changedNs = 0;
};

} // namespace mpstage
