// SPDX-License-Identifier: MIT
#pragma once
// A schedule given one step at a time: each Step (→) grants the next of its gate grants, to the process it
// names, once that process waits at a gate and no other is still running (as `mpstage-host --schedule`
// waits for the last one granted to settle), so the interleaving the explorer found happens again in front
// of the class, step by step. Plain C++: the World is passed in.

#include <mp/telemetry/world.h>

#include <cstddef>
#include <string>
#include <vector>

namespace mpstage::app {

struct PlannedStep {
    std::string actor; // "Process-1"
    bool micro = false;
};

// The host's schedule format: one {"actor":NAME,"micro":BOOL} per line. Throws std::runtime_error naming the
// line that is not one.
std::vector<PlannedStep> readStepPlan(const std::string& schedule);

class StepPlan {
public:
    void set(std::vector<PlannedStep> steps)
    {
        m_steps = std::move(steps);
        m_next = 0;
        m_granted = {};
    }
    void clear() { set({}); }
    bool active() const { return m_next < m_steps.size(); }
    const PlannedStep& next() const { return m_steps[m_next]; }
    // The next step was given to `actor`: the one after waits until it has moved on from that gate.
    void advance(const mp::telemetry::Actor& actor)
    {
        ++m_next;
        m_granted = actor.id;
        m_seqAtGrant = actor.nextSeq;
    }
    std::size_t done() const { return m_next; }
    std::size_t size() const { return m_steps.size(); }
    // The process that takes the next step now, or nullptr while it cannot yet: the process granted last
    // has not been heard from since (it has not left its gate), a process is running, or the next one is
    // not at a gate.
    const mp::telemetry::Actor* ready(const mp::telemetry::World& world) const;

private:
    std::vector<PlannedStep> m_steps;
    std::size_t m_next = 0;
    mp::telemetry::ActorId m_granted; // the last step's process
    std::uint32_t m_seqAtGrant = 0; // its next sequence number when it was granted
};

} // namespace mpstage::app
