// SPDX-License-Identifier: MIT
#pragma once
// Which actors hold which end of each pipe (and each queue's pipe) open. This is what decides whether a
// reader can ever see end-of-file: EOF arrives only once no process holds the other end, a rule students
// meet as "the consumer that never sees EOF" (see the Pipe section of the multiprocessing docs, and pipe(7)).

#include <mp/telemetry/ids.h>

#include <array>
#include <cstdint>
#include <map>
#include <vector>

namespace mp::telemetry {

struct EndpointRef {
    ActorId actor;
    ObjectId object;
    int end = 0; // 0 or 1; for a queue 0 is the reader, 1 the writer

    friend auto operator<=>(const EndpointRef&, const EndpointRef&) = default;
};

// Where an actor was forked from its parent, to tell which of the parent's ends it copied.
struct ForkPoint {
    std::uint32_t parentSeq = 0; // frames the parent had emitted before the fork; 0 if not reported
    std::uint64_t timeNs = 0; // the child's ActorStarted time, the fallback when parentSeq is 0
};

class EndpointTable {
public:
    // Holders of one end, in actor order (empty if none or if the object has no ends).
    const std::vector<ActorId>& holders(ObjectId object, int end) const;
    bool holds(ActorId actor, ObjectId object, int end) const;
    std::vector<EndpointRef> heldBy(ActorId actor) const;
    bool eofSeen(ObjectId object, int end) const;
    bool hasEnds(ObjectId object) const { return m_objects.contains(object); }
    // The end this actor last used on this object (Send, Recv, Poll, Eof), or -1.
    int lastUsedEnd(ActorId actor, ObjectId object) const;

    void created(ObjectId object, ActorId creator, std::uint32_t seq, std::uint64_t timeNs);
    void closed(ObjectId object, int end, ActorId actor, std::uint32_t seq, std::uint64_t timeNs);
    void inherit(ActorId child, ActorId parent, ForkPoint fork);
    void exited(ActorId actor, std::uint64_t timeNs);
    void sawEof(ObjectId object, int end);
    // The actor sent, received, polled or saw EOF on this end: it holds it, whatever we thought (an end
    // inherited at a fork we could only place by time, or a connection it was sent).
    void used(ActorId actor, ObjectId object, int end, std::uint32_t seq, std::uint64_t timeNs);

    friend bool operator==(const EndpointTable&, const EndpointTable&) = default;

private:
    // One period during which an actor held an end: kept after it ends, so a child whose ActorStarted
    // arrives late still inherits what its parent held at the fork.
    struct Holding {
        ObjectId object;
        int end = 0;
        std::uint32_t fromSeq = 0;
        std::uint64_t fromNs = 0;
        bool open = true;
        std::uint32_t untilSeq = 0;
        std::uint64_t untilNs = 0;

        friend bool operator==(const Holding&, const Holding&) = default;
    };
    struct Ends {
        std::array<std::vector<ActorId>, 2> holders;
        std::array<bool, 2> eof {};

        friend bool operator==(const Ends&, const Ends&) = default;
    };

    void take(ActorId actor, ObjectId object, int end, std::uint32_t seq, std::uint64_t timeNs);
    void drop(ActorId actor, ObjectId object, int end);

    std::map<ObjectId, Ends> m_objects;
    std::map<ActorId, std::vector<Holding>> m_history;
    std::map<std::pair<ActorId, ObjectId>, int> m_lastUsed;
};

} // namespace mp::telemetry
