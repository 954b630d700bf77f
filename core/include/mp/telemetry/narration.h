// SPDX-License-Identifier: MIT
#pragma once
// The narrated timeline of the headless runner: one readable line per event worth telling ("Process-1 put 3
// on q (buffered; the feeder thread will write it)"), with the time since the run started. Lines are told
// from the World as it was just before the event, which knows the names and what the event changes.

#include <mp/telemetry/world.h>

#include <string>

namespace mp::telemetry {

// "   12.345 ms  Process-2 got 3 from q", or empty for an event not worth a line (Counters, GatePassed,
// Line, LockWanted, the call half of put()/get(), ...).
std::string narrate(const World& before, const Event& event);
// The same words without the time column.
std::string describe(const World& before, const Event& event);

// Keeps the World for you: feed the stream in arrival order, get one line (or nothing) per event.
class Narrator {
public:
    explicit Narrator(WorldLimits limits = {})
        : m_world(limits)
    {
    }
    std::string operator()(const Event& event)
    {
        std::string line = narrate(m_world, event);
        m_world.apply(event);
        return line;
    }
    const World& world() const { return m_world; }

private:
    World m_world;
};

} // namespace mp::telemetry
