// SPDX-License-Identifier: MIT
#pragma once
// The World: the state of a run rebuilt from its telemetry, and the only truth the app draws. It is a pure
// reducer (apply one event at a time, no clock, no I/O), copyable so the timeline can keep snapshots, and
// bounded in memory however long the run. Everything it exposes is plain data (no Qt).
//
// Frames of different actors may arrive out of time order (core/TELEMETRY.md); everything ordered across
// actors is matched by the shared counters the events carry, so the World ends in the same state whatever
// the arrival order. See DESIGN.md, "World, gates, hangs".

#include <mp/telemetry/event.h>
#include <mp/telemetry/world_actor.h>
#include <mp/telemetry/world_endpoints.h>
#include <mp/telemetry/world_lock.h>
#include <mp/telemetry/world_pipe.h>
#include <mp/telemetry/world_queue.h>
#include <mp/telemetry/world_value.h>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mp::telemetry {

struct WorldLimits {
    std::size_t printLines = 200; // per actor
    std::size_t delivered = 256; // per queue, and received messages per pipe direction
    std::size_t waitSamples = 1024; // per lock

    friend bool operator==(const WorldLimits&, const WorldLimits&) = default;
};

struct RunInfo {
    bool started = false;
    bool ended = false;
    std::string scene;
    std::string parameters; // k=v,k=v
    std::string outcome;
    Detail detail = Detail::Full;
    std::uint64_t startNs = 0; // RunStarted, else the first event

    friend bool operator==(const RunInfo&, const RunInfo&) = default;
};

struct ObjectInfo {
    ObjectId id;
    bool known = false; // its ObjectCreated has arrived
    ObjectKind kind = ObjectKind::Queue;
    std::int64_t parameter = 0; // maxsize, duplex, parties, initial value, size...
    std::string label; // ObjectCreated's, then ObjectLabel's
    std::array<std::string, 2> endNames; // a pipe's ends as the program names them (ObjectLabel a = 1, 2), or empty
    ActorId creator;
    std::uint64_t createdNs = 0;

    friend bool operator==(const ObjectInfo&, const ObjectInfo&) = default;
};

// Counters events (detail level `counters`): what one actor has done to one object so far.
struct CounterSample {
    std::int64_t put = 0; // items put, messages sent, or acquisitions
    std::int64_t got = 0; // items got or messages received
    std::uint64_t timeNs = 0;

    friend bool operator==(const CounterSample&, const CounterSample&) = default;
};

class World {
public:
    explicit World(WorldLimits limits = {});

    void apply(const Event& event);

    // The run
    const RunInfo& run() const { return m_run; }
    std::uint64_t eventCount() const { return m_events; }
    std::uint64_t lastNs() const { return m_lastNs; } // latest timestamp seen
    // Latest timestamp of an event that moved something (see isProgress): a run whose actors are all blocked
    // and whose progressNs is old has stopped moving.
    std::uint64_t progressNs() const { return m_progressNs; }

    // Actors
    const Actor* actor(ActorId id) const;
    std::vector<const Actor*> actors() const; // known actors, by id
    const Actor* actorByPid(std::int64_t pid) const;
    std::string actorName(ActorId id) const; // "actor 7" while unknown

    // Objects
    const ObjectInfo* object(ObjectId id) const;
    std::vector<const ObjectInfo*> objects() const; // by id
    std::string objectName(ObjectId id) const; // its label, else "queue#3"
    // The name the program gives one end (0 or 1) of a pipe ("parent_conn"), or empty if it gave none.
    std::string endName(ObjectId pipe, int end) const;
    const QueueState* queue(ObjectId id) const;
    const PipeState* pipe(ObjectId id) const;
    const LockState* lock(ObjectId id) const;
    const ValueState* value(ObjectId id) const;
    const EndpointTable& endpoints() const { return m_endpoints; }
    // Counters per actor for one object (empty map if none).
    const std::map<ActorId, CounterSample>& counters(ObjectId id) const;
    // The lock's holder exited (or a waiter reported it died) without releasing it.
    bool holderDied(ObjectId lock) const;

    // Whether this event, applied to this World, counts as progress.
    bool isProgress(const Event& event) const;

    friend bool operator==(const World&, const World&) = default;

private:
    Actor& actorSlot(ActorId id);
    LaneState& lane(Actor& actor, std::uint16_t thread);
    ObjectInfo& objectSlot(ObjectId id);
    QueueState& queueSlot(ObjectId id);
    LockState& lockSlot(ObjectId id);
    void noteSeq(const Event& e);

    void applyRun(const Event& e);
    void applyActor(const Event& e);
    void applyLane(const Event& e);
    void applyPrint(Actor& actor, const Event& e);
    void applyExit(const Event& e);
    void applyObject(const Event& e);
    void applyQueue(const Event& e);
    void applyPipe(const Event& e);
    void applyLock(const Event& e);
    void applyValue(const Event& e);
    void applyCounters(const Event& e);

    WorldLimits m_limits;
    RunInfo m_run;
    std::uint64_t m_events = 0;
    std::uint64_t m_lastNs = 0;
    std::uint64_t m_progressNs = 0;
    std::vector<Actor> m_actors; // index = id - 1
    std::vector<ObjectInfo> m_objects; // index = id - 1
    std::map<ObjectId, QueueState> m_queues;
    std::map<ObjectId, PipeState> m_pipes;
    std::map<ObjectId, LockState> m_locks;
    std::map<ObjectId, ValueState> m_values;
    std::map<ObjectId, std::map<ActorId, CounterSample>> m_counters;
    EndpointTable m_endpoints;
};

} // namespace mp::telemetry
