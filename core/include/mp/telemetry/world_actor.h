// SPDX-License-Identifier: MIT
#pragma once
// What the World knows about one actor (one process of the run): plain data the stage draws from.

#include <mp/telemetry/ids.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace mp::telemetry {

enum class ActorStatus : std::uint8_t { Running, Blocked, AtGate, Exited };

// A blocking call in progress (Blocked event), reported once it has lasted ~10 ms.
struct BlockedOn {
    ObjectId object; // 0 for join() on a process, or a wait on nothing named
    std::string operation; // "get", "recv", "send", "acquire", "join", "flush", "feed", "wait"...
    ActorId joined; // the process a join() waits for
    std::uint64_t sinceNs = 0; // when it was reported
    bool timed = false; // a timeout was given (poll(2), join(1.0)): it ends by itself, so it is no hang

    friend bool operator==(const BlockedOn&, const BlockedOn&) = default;
};

// A paused thread waiting for the host to grant it a step.
struct GateStop {
    std::string where;
    bool micro = false;
    std::uint64_t sinceNs = 0;

    friend bool operator==(const GateStop&, const GateStop&) = default;
};

// What one thread of an actor is doing. `blocked` is meaningful while Blocked, `gate` while AtGate.
struct LaneState {
    ActorStatus status = ActorStatus::Running;
    BlockedOn blocked;
    GateStop gate;
    // Set by an Unblocked that overtook its own Blocked (the flusher reports Blocked late): that Blocked is
    // stale when it comes and is ignored.
    std::optional<BlockedOn> staleBlocked;

    friend bool operator==(const LaneState&, const LaneState&) = default;
};

// A queue feeder thread (or any other non-main thread) of an actor: its own lane on the timeline.
struct FeederLane : LaneState {
    std::uint16_t thread = 0;
    ObjectId queue; // the queue it feeds (FeederStarted)
    std::uint64_t startedNs = 0;

    friend bool operator==(const FeederLane&, const FeederLane&) = default;
};

struct PrintLine {
    std::string text; // without its newline
    std::uint8_t stream = 1; // 1 stdout, 2 stderr
    bool complete = false; // false while the line has not ended yet
    std::uint64_t timeNs = 0;

    friend bool operator==(const PrintLine&, const PrintLine&) = default;
};

// The main thread's state is the actor's own (LaneState base); feeder threads have lanes of their own.
struct Actor : LaneState {
    ActorId id;
    std::string name;
    std::int64_t pid = 0;
    ActorId parent;
    bool known = false; // an event came from it (normally its ActorStarted first)
    std::optional<std::int64_t> exitCode; // negative: killed by that signal
    std::int64_t line = 0; // line of the listing it is at (0: none yet)
    std::deque<PrintLine> prints; // the last WorldLimits::printLines lines
    std::uint64_t printedLines = 0; // over the whole run
    std::uint64_t startedNs = 0;
    std::uint64_t exitedNs = 0;
    std::uint64_t lastEventNs = 0;
    std::uint64_t telemetryStallNs = 0; // time it spent blocked writing telemetry (Counters, object 0)
    std::uint32_t nextSeq = 0;
    std::uint64_t missedFrames = 0; // gaps in its sequence numbers
    std::vector<FeederLane> feeders;

    bool live() const { return known && status != ActorStatus::Exited; }
    bool pausedAnywhere() const;
    const FeederLane* feederFor(ObjectId queue) const;

    friend bool operator==(const Actor&, const Actor&) = default;
};

} // namespace mp::telemetry
