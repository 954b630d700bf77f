// SPDX-License-Identifier: MIT
#pragma once
// What the timeline under the stage draws, folded from the run's events (plain C++, no Qt, tested by feeding
// events): one lane per process from its start to its exit, with spans where it was blocked or waiting at a
// gate, and marks for puts, gets, sends, receives, end-of-file, lock grants and a detected hang. It also keeps
// the time of every kept event, so a point in time maps to "the World after event k" for scrubbing.
// A lane also shows when its process held a lock (acquired to released), so contention reads as "who held it
// while the others waited". Marks and spans are capped per lane (past the cap they are counted, not kept).

#include <mp/telemetry/event.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mpstage::timeline {

enum class SpanKind : std::uint8_t { Blocked, AtGate, Holding }; // Holding: a lock (what: its object id)
enum class MarkKind : std::uint8_t { Put, Get, Send, Recv, Eof, Grant, Hang };

struct Span {
    std::uint64_t from = 0; // ns since the run started
    std::uint64_t to = 0; // 0 while it lasts
    SpanKind kind {};
    std::string what; // "get", "acquire", "put" ...
};

struct Mark {
    std::uint64_t at = 0; // ns since the run started
    MarkKind kind {};
};

struct Lane {
    mp::telemetry::ActorId actor;
    std::string name;
    std::uint64_t started = 0; // ns since the run started
    std::uint64_t exited = 0; // 0 while it lives
    std::vector<Span> spans;
    std::vector<Mark> marks; // in time order
    std::uint64_t marksNotKept = 0; // marks and spans past the cap
    static constexpr std::size_t NONE = static_cast<std::size_t>(-1);
    std::size_t openBlocked = NONE; // index in spans of the span that lasts, if any
    std::size_t openGate = NONE;
    std::size_t openHolding = NONE; // the outermost lock held (nested holds are one span)
    int holds = 0;
};

class Lanes {
public:
    explicit Lanes(std::size_t maxEvents = 500'000, std::size_t maxMarksPerLane = 50'000);

    void apply(const mp::telemetry::Event& event);
    // A hang was detected now: marked on every live lane at the latest time seen.
    void markHang();

    const std::vector<Lane>& lanes() const { return m_lanes; }
    // The run's first event time (CLOCK_MONOTONIC ns), and how long it has lasted since, in ns.
    std::uint64_t origin() const { return m_origin; }
    std::uint64_t duration() const { return m_latest; }
    // Kept events (as History keeps them: the first maxEvents).
    std::size_t eventCount() const { return m_times.size(); }
    // When the k-th kept event happened (ns since the start); k < eventCount().
    std::uint64_t timeOf(std::size_t k) const { return m_times.at(k); }
    // How many kept events happened at or before `at` (ns since the start): the k of the World at that time.
    std::size_t eventsUntil(std::uint64_t at) const;

private:
    Lane& lane(mp::telemetry::ActorId actor);
    void mark(Lane& lane, std::uint64_t at, MarkKind kind);
    void open(Lane& lane, std::uint64_t at, SpanKind kind, const std::string& what);
    static void end(Lane& lane, std::size_t& index, std::uint64_t at);
    static void close(Lane& lane, std::uint64_t at);

    std::size_t m_maxEvents;
    std::size_t m_maxMarks;
    std::vector<Lane> m_lanes;
    std::vector<std::uint64_t> m_times; // running maximum, so it is sorted even if arrival is not
    std::uint64_t m_origin = 0;
    bool m_started = false;
    std::uint64_t m_latest = 0;
};

} // namespace mpstage::timeline
