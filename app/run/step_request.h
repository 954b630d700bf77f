// SPDX-License-Identifier: MIT
#pragma once
// A step asked for before a process could take it: for whichever process has waited longest at a gate, or
// for one process. It is granted as soon as a process can take it, and given up (with a hint) after
// STEP_PATIENCE_NS. Plain C++: the clock is passed in.

#include <mp/telemetry/world.h>

#include <cstdint>

namespace mpstage::app {

inline constexpr std::uint32_t ANY_ACTOR = 0xffffffffu;

class StepRequest {
public:
    static constexpr std::int64_t STEP_PATIENCE_NS = 1'500'000'000; // how long a step waits for a gate

    void ask(std::uint32_t actor, std::int64_t nowNs)
    {
        m_actor = actor;
        m_since = nowNs;
    }
    void clear() { m_actor = 0; }
    bool pending() const { return m_actor != 0; }
    bool anyActor() const { return m_actor == ANY_ACTOR; }
    std::uint32_t actor() const { return m_actor; }
    // The process that takes the step now, or nullptr if none can yet.
    const mp::telemetry::Actor* chosen(const mp::telemetry::World& world) const;
    bool expired(std::int64_t nowNs) const { return nowNs - m_since > STEP_PATIENCE_NS; }

private:
    std::uint32_t m_actor = 0; // 0 = none, ANY_ACTOR = whichever, else that actor
    std::int64_t m_since = 0;
};

} // namespace mpstage::app
