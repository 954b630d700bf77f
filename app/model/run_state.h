// SPDX-License-Identifier: MIT
#pragma once
// Everything the window shows about one run, folded from its events: the World (the only truth the stage
// draws), plus what the World does not keep because only a screen needs it: the prints of all actors as one
// bounded, ordered console, every pipe end ever held, and how the run ended. Plain C++: no Qt, no clock,
// testable by feeding events.

#include "model/chart_series.h"
#include "model/queue_words.h"

#include <mp/telemetry/event_views.h>
#include <mp/telemetry/world.h>

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace mpstage::app {

struct ConsoleLine {
    mp::telemetry::ActorId actor;
    std::string text;
    bool stderrLine = false;
};

class RunState {
public:
    explicit RunState(std::size_t consoleLimit = 400);

    void apply(const mp::telemetry::Event& event);

    const mp::telemetry::World& world() const { return m_world; }
    // The charts' series, fed every event after the World applied it.
    const charts::ChartSeries& charts() const { return m_charts; }
    // The last consoleLimit complete lines, oldest first; consoleTotal() counts every line ever added.
    const std::deque<ConsoleLine>& console() const { return m_console; }
    std::uint64_t consoleTotal() const { return m_consoleTotal; }

    // Every (process, object, end) that was ever held, so a closed copy can be shown struck through even if
    // it was opened and closed between two frames.
    const std::set<mp::telemetry::EndpointRef>& everHeld() const { return m_everHeld; }

    // The last few answers to empty(), qsize() and full() on this queue, and the Full and Empty its put() and
    // get() raised, oldest first, each beside what the queue held when it was given (the World keeps only the
    // latest answer of each kind, and no raise).
    const std::deque<Callout>& answers(mp::telemetry::ObjectId queue) const;

    bool ended() const { return m_ended; }
    // How the run ended (Unknown until it has), and the same in the host's words ("as declared: ...").
    mp::telemetry::RunOutcome result() const { return m_result; }
    const std::string& outcome() const { return m_outcome; }
    // The words after the outcome's own ("completes" of "as declared: completes").
    std::string_view outcomeReason() const { return mp::telemetry::outcomeReason(m_result, m_outcome); }
    bool asDeclared() const { return m_result == mp::telemetry::RunOutcome::AsDeclared; }

private:
    void addPrint(const mp::telemetry::Event& event);
    void addLine(mp::telemetry::ActorId actor, std::string text, bool stderrLine);

    mp::telemetry::World m_world;
    charts::ChartSeries m_charts;
    std::size_t m_consoleLimit;
    std::deque<ConsoleLine> m_console;
    std::uint64_t m_consoleTotal = 0;
    std::map<std::pair<std::uint32_t, int>, std::string> m_partial; // (actor, stream) -> unfinished line
    std::set<mp::telemetry::EndpointRef> m_everHeld;
    std::map<mp::telemetry::ObjectId, std::deque<Callout>> m_answers;
    bool m_ended = false;
    std::string m_outcome;
    mp::telemetry::RunOutcome m_result = mp::telemetry::RunOutcome::Unknown;
};

} // namespace mpstage::app
