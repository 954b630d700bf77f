// SPDX-License-Identifier: MIT
#pragma once
// One telemetry event: what an actor did, when, to which object. Every event has the same shape; what
// `a`, `b`, `text` and `detail` mean depends on the type and is listed beside each type below and in
// core/TELEMETRY.md. Readers do not decode those fields themselves: event_views.h gives each type a view
// with named, typed fields. The World (world.h) folds a stream of these into the state the stage draws.

#include <mp/telemetry/ids.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace mp::telemetry {

enum class EventType : std::uint16_t {
    // Run and actors
    RunStarted = 1, //  text: scene id; detail: parameters as k=v,k=v; a: detail level
    ActorStarted = 2, // text: name; a: pid; b: parent actor id (0 for the main actor); item: the parent's frame
    //                  count (seq) at the fork
    ActorExited = 3, // b: the actor that exited; a: exit code, negative signal number if killed; text: its name.
    //                 Emitted by whoever reaped it (its parent, or the host), so `actor` is the reaper.
    Print = 4, // text: what the actor wrote (a chunk of at most MAX_TEXT bytes); a: 1 stdout, 2 stderr
    Line = 5, // a: the line of the scene's Python listing the actor is at
    RunEnded = 6, // a: RunOutcome (0 in streams older than it: the words say); text: outcome in words
    // Objects and endpoints
    ObjectCreated = 10, // object; a: ObjectKind; b: parameter (maxsize, duplex, parties, size; for a Value or
    //                   Array the id of its lock); text: label
    ObjectLabel = 11, // object; text: the name the scene gives it (the Python variable name); a: 0 the object's
    //                 name, 1 or 2 the name of a pipe's end 0 or 1
    EndpointClosed = 12, // object: a pipe (or a queue's pipe); a: end index 0 or 1; this actor's copy closed
    // Queues
    PutCalled = 20, // object; item; text: repr of the item
    PutBuffered = 21, // object; item: appended to this actor's local buffer (the feeder will write it)
    FeederWritten = 22, // object; item; a: the message's index in the pipe (0, 1, 2 ... across all writers)
    GetCalled = 23, // object
    GetReturned = 24, // object; a: index in the pipe of the message read; text: repr of the item
    GetRaised = 25, // object; text: exception type ("Empty", or "Full" from put(), then item is set)
    EmptyAnswer = 26, // object; a: 1 if empty() said True
    QsizeAnswer = 27, // object; a: what qsize() said
    FullAnswer = 28, // object; a: 1 if full() said True
    TaskDone = 29, // object; a: unfinished count after it
    JoinQueue = 30, // object: JoinableQueue.join() called (a: 0) or returned (a: 1)
    QueueClosed = 31, // object
    FeederStarted = 32, // object: this actor's feeder thread for it started (thread field: its lane)
    // Pipes and connections
    Send = 40, // object: the pipe; a: end index; b: message index in that direction; text: repr
    Recv = 41, // object; a: end index; b: message index in that direction; text: repr
    Eof = 42, // object; a: end index that saw end-of-file
    Poll = 43, // object; a: end index; b: 1 if data (or EOF) was ready
    SendProgress = 44, // object; a: end index; b: bytes the pipe holds from this end (the kernel's count);
    //                   text: the size on the wire of the message being sent, in decimal. From a send() that blocks.
    // Locks and semaphores
    LockWanted = 50, // object
    LockAcquired = 51, // object; a: nanoseconds waited; b: acquisition number (orders holders)
    LockReleased = 52, // object; b: the acquisition number being released
    LockFailed = 53, // object: acquire(block=false) or a timeout gave up
    HolderDied = 54, // object; a: pid of the holder that died holding it
    // Shared values
    ValueRead = 60, // object; a: index (0 for a Value); text: repr of the value read
    ValueWritten = 61, // object; a: index; text: repr of the new value; detail: repr of the old one
    // Blocking
    Blocked = 70, // object (or 0); text: operation ("get", "recv", "acquire", "join", "put", "wait"); b: actor joined
    Unblocked = 71, // object (or 0); text: the operation that was blocked
    // Gates (pause and step)
    GateWaiting = 80, // a: 1 for a micro-step gate; text: where ("put", "value += 1: read" ...)
    GatePassed = 81, //
    // Counters (detail level `counters`), sampled every few milliseconds
    Counters = 90, // object; a: items put (or acquisitions) so far by this actor; b: items got so far
};

enum class ObjectKind : std::uint8_t {
    Queue = 1,
    JoinableQueue,
    SimpleQueue,
    Pipe,
    Lock,
    RLock,
    Semaphore,
    BoundedSemaphore,
    Condition,
    Event,
    Barrier,
    Value,
    Array,
    SharedMemory,
};

// How a run ended, in RunEnded.a. The text says the same in words ("as declared: ...", "not as declared:
// ...", "stopped", "error: ..."), which is all that streams written before this value carry (a = 0).
enum class RunOutcome : std::uint8_t {
    Unknown = 0,
    AsDeclared = 1, // the scene showed the outcome it declares
    NotAsDeclared = 2,
    Stopped = 3, // stopped before its end: a stop command, or the control input closing
    Error = 4, // the host could not run it
};

enum class Detail : std::uint8_t { Off = 0, Counters = 1, Full = 2 };

struct Event {
    EventType type {};
    std::uint16_t thread = 0; // 0: the actor's main thread; n: its n-th feeder thread
    ActorId actor;
    std::uint64_t timeNs = 0; // CLOCK_MONOTONIC
    std::uint32_t seq = 0; // per actor, over all its threads
    ObjectId object;
    ItemId item;
    std::int64_t a = 0;
    std::int64_t b = 0;
    std::string text;
    std::string detail;

    friend bool operator==(const Event&, const Event&) = default;
};

// Reprs and prints are cut to this many bytes (on a UTF-8 boundary, with "..." appended) so a frame always
// fits one atomic pipe write.
inline constexpr std::size_t MAX_TEXT = 160;

const char* eventTypeName(EventType type);
const char* objectKindName(ObjectKind kind);
bool isKnownEventType(std::uint16_t type);

} // namespace mp::telemetry
