// SPDX-License-Identifier: MIT
#pragma once
// Typed views of the one wire Event. On the wire every event has the same shape (event.h), and what `a`,
// `b`, `text` and `detail` mean depends on its type; a reader takes the view of the type it handles and reads
// named fields instead of decoding them itself:
//
//     const auto v = as<LockAcquired>(e);    // asserts e.type == EventType::LockAcquired
//     lock.acquired(e.actor, v.acquisition, v.waitedNs, e.timeNs);
//
// A view holds only what the type gives meaning to; what every event has (actor, thread, timeNs, seq) is read
// from the Event itself. Text fields refer to the event's own strings, so a view must not outlive its event
// (as() refuses a temporary). Each view's of() is the one place that says which field carries what, beside
// the table in core/TELEMETRY.md; event_views_test.cpp checks every mapping.

#include <mp/telemetry/event.h>

#include <algorithm>
#include <cassert>
#include <string>
#include <string_view>
#include <utility>

namespace mp::telemetry {

// True if `e` is an event `View` reads: its type, and for the views that share a type (Counters,
// TelemetryStall) or span several (QueueAnswered), what tells them apart.
template <class View> bool is(const Event& e)
{
    if constexpr (requires { View::matches(e); })
        return View::matches(e);
    else
        return e.type == View::TYPE;
}

template <class View> View as(const Event& e)
{
    assert(is<View>(e));
    return View::of(e);
}
template <class View> View as(const Event&&) = delete; // the view would refer to a dead event's strings

namespace views {
inline ActorId actorIn(std::int64_t field)
{
    return ActorId { static_cast<std::uint32_t>(field) };
}
// An end index as the World keys ends: 1, or else 0.
inline int endIn(std::int64_t field)
{
    return field == 1 ? 1 : 0;
}
// A count written in decimal in a text field; 0 if it is not one (a malformed frame loses nothing else).
inline std::uint64_t unsignedIn(std::string_view text)
{
    std::uint64_t n = 0;
    for (const char c : text) {
        if (c < '0' || c > '9' || n > (~std::uint64_t { 0 } - 9) / 10)
            return 0;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}
} // namespace views

// Run and actors

struct RunStarted {
    static constexpr EventType TYPE = EventType::RunStarted;
    const std::string& scene;
    const std::string& parameters; // k=v,k=v
    Detail detail;
    static RunStarted of(const Event& e)
    {
        return { .scene = e.text, .parameters = e.detail, .detail = static_cast<Detail>(e.a) };
    }
};

// The outcome's own words without the prefix that names the outcome: "completes" of "as declared: completes",
// "" of "stopped"; all of `words` when they do not start with that prefix.
std::string_view outcomeReason(RunOutcome outcome, std::string_view words);

struct RunEnded {
    static constexpr EventType TYPE = EventType::RunEnded;
    RunOutcome outcome; // from `a`; in a stream older than that value (a = 0), from the words
    const std::string& words; // "as declared: completes", "stopped", "error: ..."
    static RunEnded of(const Event& e);
    std::string_view reason() const { return outcomeReason(outcome, words); }
    // The event, with the outcome's words made of its prefix and `reason`.
    static Event make(RunOutcome outcome, const std::string& reason);
};

struct ActorStarted {
    static constexpr EventType TYPE = EventType::ActorStarted;
    const std::string& name;
    std::int64_t pid;
    ActorId parent; // 0 for the main actor
    std::uint32_t parentSeq; // how many frames the parent had written when it forked (0 if not reported)
    static ActorStarted of(const Event& e)
    {
        return { .name = e.text,
            .pid = e.a,
            .parent = views::actorIn(e.b),
            .parentSeq = static_cast<std::uint32_t>(e.item.value) };
    }
};

// Reported by the actor's reaper (`Event::actor`), or by the host (actor 0).
struct ActorExited {
    static constexpr EventType TYPE = EventType::ActorExited;
    ActorId exited; // 0 in older streams, which named it only in `name`
    std::int64_t code; // exit status; negative: killed by that signal
    const std::string& name;
    static ActorExited of(const Event& e) { return { .exited = views::actorIn(e.b), .code = e.a, .name = e.text }; }
    static Event make(ActorId exited, std::int64_t code, std::string name)
    {
        return Event { .type = TYPE, .a = code, .b = exited.value, .text = std::move(name) };
    }
};

struct Print {
    static constexpr EventType TYPE = EventType::Print;
    bool toStderr; // else stdout
    const std::string& text; // a chunk as the actor's pipe delivered it, not a line
    static Print of(const Event& e) { return { .toStderr = e.a == 2, .text = e.text }; }
};

struct Line {
    static constexpr EventType TYPE = EventType::Line;
    std::int64_t line; // in the scene's Python listing
    static Line of(const Event& e) { return { .line = e.a }; }
};

// Objects and endpoints

struct ObjectCreated {
    static constexpr EventType TYPE = EventType::ObjectCreated;
    ObjectId object;
    ObjectKind kind;
    // maxsize, duplex, parties, size; for a Value or an Array the id of its lock (0 without one)
    std::int64_t parameter;
    const std::string& label;
    static ObjectCreated of(const Event& e)
    {
        return { .object = e.object, .kind = static_cast<ObjectKind>(e.a), .parameter = e.b, .label = e.text };
    }
};

struct ObjectLabel {
    static constexpr EventType TYPE = EventType::ObjectLabel;
    ObjectId object;
    int end; // -1: the name is the object's (a = 0, and every stream older than end names); 0 or 1: a pipe end's
    const std::string& name; // the Python variable name
    static ObjectLabel of(const Event& e)
    {
        return { .object = e.object, .end = e.a == 1 || e.a == 2 ? static_cast<int>(e.a) - 1 : -1, .name = e.text };
    }
};

struct EndpointClosed {
    static constexpr EventType TYPE = EventType::EndpointClosed;
    ObjectId object; // a pipe, or a queue's pipe
    int end; // 0 or 1: the acting actor's copy of it closed
    static EndpointClosed of(const Event& e) { return { .object = e.object, .end = views::endIn(e.a) }; }
};

// Queues

struct PutCalled {
    static constexpr EventType TYPE = EventType::PutCalled;
    ObjectId queue;
    ItemId item;
    const std::string& repr;
    static PutCalled of(const Event& e) { return { .queue = e.object, .item = e.item, .repr = e.text }; }
};

struct PutBuffered {
    static constexpr EventType TYPE = EventType::PutBuffered;
    ObjectId queue;
    ItemId item; // appended to the actor's local buffer; its feeder will write it
    static PutBuffered of(const Event& e) { return { .queue = e.object, .item = e.item }; }
};

struct FeederWritten {
    static constexpr EventType TYPE = EventType::FeederWritten;
    ObjectId queue;
    ItemId item;
    std::int64_t index; // the message's index in the pipe, across all writers
    static FeederWritten of(const Event& e) { return { .queue = e.object, .item = e.item, .index = e.a }; }
};

struct GetCalled {
    static constexpr EventType TYPE = EventType::GetCalled;
    ObjectId queue;
    static GetCalled of(const Event& e) { return { .queue = e.object }; }
};

struct GetReturned {
    static constexpr EventType TYPE = EventType::GetReturned;
    ObjectId queue;
    std::int64_t index; // in the pipe, of the message read
    const std::string& repr;
    static GetReturned of(const Event& e) { return { .queue = e.object, .index = e.a, .repr = e.text }; }
};

struct GetRaised {
    static constexpr EventType TYPE = EventType::GetRaised;
    ObjectId queue;
    ItemId item; // set when put() raised Full: the item it did not put
    const std::string& exception; // "Empty", "Full"
    const std::string& message;
    static GetRaised of(const Event& e)
    {
        return { .queue = e.object, .item = e.item, .exception = e.text, .message = e.detail };
    }
};

// An answer to empty(), qsize() or full() (EmptyAnswer, QsizeAnswer, FullAnswer).
struct QueueAnswered {
    ObjectId queue;
    EventType question;
    std::int64_t answer; // empty() and full(): 1 for True
    bool saidTrue() const { return answer == 1; }
    static bool matches(const Event& e)
    {
        return e.type == EventType::EmptyAnswer || e.type == EventType::QsizeAnswer || e.type == EventType::FullAnswer;
    }
    static QueueAnswered of(const Event& e) { return { .queue = e.object, .question = e.type, .answer = e.a }; }
};

struct TaskDone {
    static constexpr EventType TYPE = EventType::TaskDone;
    ObjectId queue;
    std::int64_t unfinished; // after it
    static TaskDone of(const Event& e) { return { .queue = e.object, .unfinished = e.a }; }
};

struct JoinQueue {
    static constexpr EventType TYPE = EventType::JoinQueue;
    ObjectId queue;
    bool returned; // else called
    static JoinQueue of(const Event& e) { return { .queue = e.object, .returned = e.a == 1 }; }
};

struct QueueClosed {
    static constexpr EventType TYPE = EventType::QueueClosed;
    ObjectId queue;
    static QueueClosed of(const Event& e) { return { .queue = e.object }; }
};

struct FeederStarted {
    static constexpr EventType TYPE = EventType::FeederStarted;
    ObjectId queue; // the feeder is the event's thread
    static FeederStarted of(const Event& e) { return { .queue = e.object }; }
};

// Pipes and connections

struct Send {
    static constexpr EventType TYPE = EventType::Send;
    ObjectId pipe;
    int end;
    std::int64_t index; // of the message, in that direction
    const std::string& repr;
    static Send of(const Event& e)
    {
        return { .pipe = e.object, .end = views::endIn(e.a), .index = e.b, .repr = e.text };
    }
};

struct Recv {
    static constexpr EventType TYPE = EventType::Recv;
    ObjectId pipe;
    int end;
    std::int64_t index; // of the message, in that direction
    const std::string& repr;
    static Recv of(const Event& e)
    {
        return { .pipe = e.object, .end = views::endIn(e.a), .index = e.b, .repr = e.text };
    }
};

struct Eof {
    static constexpr EventType TYPE = EventType::Eof;
    ObjectId pipe;
    int end; // the end that saw end-of-file
    static Eof of(const Event& e) { return { .pipe = e.object, .end = views::endIn(e.a) }; }
};

struct Poll {
    static constexpr EventType TYPE = EventType::Poll;
    ObjectId pipe;
    int end;
    bool ready; // data (or end-of-file) was there
    static Poll of(const Event& e) { return { .pipe = e.object, .end = views::endIn(e.a), .ready = e.b == 1 }; }
};

// A send() that blocks: how many bytes the pipe holds from its end while the message does not fit.
struct SendProgress {
    static constexpr EventType TYPE = EventType::SendProgress;
    ObjectId pipe;
    int end;
    std::uint64_t held; // bytes in the pipe from this end, not yet read (as the kernel counts them)
    std::uint64_t total; // the size on the wire of the message being sent (its length header included)
    static SendProgress of(const Event& e)
    {
        return { .pipe = e.object,
            .end = views::endIn(e.a),
            .held = static_cast<std::uint64_t>(std::max<std::int64_t>(e.b, 0)),
            .total = views::unsignedIn(e.text) };
    }
};

// Locks and semaphores

struct LockWanted {
    static constexpr EventType TYPE = EventType::LockWanted;
    ObjectId lock;
    static LockWanted of(const Event& e) { return { .lock = e.object }; }
};

struct LockAcquired {
    static constexpr EventType TYPE = EventType::LockAcquired;
    ObjectId lock;
    std::uint64_t waitedNs; // from LockWanted; 0 below detail level `full`
    std::int64_t acquisition; // orders the holders
    static LockAcquired of(const Event& e)
    {
        return { .lock = e.object, .waitedNs = e.a > 0 ? static_cast<std::uint64_t>(e.a) : 0, .acquisition = e.b };
    }
};

struct LockReleased {
    static constexpr EventType TYPE = EventType::LockReleased;
    ObjectId lock;
    std::int64_t acquisition; // the one being released
    static LockReleased of(const Event& e) { return { .lock = e.object, .acquisition = e.b }; }
};

struct LockFailed {
    static constexpr EventType TYPE = EventType::LockFailed;
    ObjectId lock; // acquire(block=False) or a timeout gave up
    static LockFailed of(const Event& e) { return { .lock = e.object }; }
};

struct HolderDied {
    static constexpr EventType TYPE = EventType::HolderDied;
    ObjectId lock;
    std::int64_t holderPid; // died holding it
    static HolderDied of(const Event& e) { return { .lock = e.object, .holderPid = e.a }; }
};

// Shared values

struct ValueRead {
    static constexpr EventType TYPE = EventType::ValueRead;
    ObjectId value;
    std::int64_t index; // 0 for a Value
    std::int64_t version; // the cell's write version read
    const std::string& repr;
    static ValueRead of(const Event& e) { return { .value = e.object, .index = e.a, .version = e.b, .repr = e.text }; }
};

struct ValueWritten {
    static constexpr EventType TYPE = EventType::ValueWritten;
    ObjectId value;
    std::int64_t index; // 0 for a Value
    std::int64_t version; // the w-th write of the cell by anyone; 0 for the initial contents
    const std::string& repr;
    const std::string& old;
    static ValueWritten of(const Event& e)
    {
        return { .value = e.object, .index = e.a, .version = e.b, .repr = e.text, .old = e.detail };
    }
};

// Blocking

struct Blocked {
    static constexpr EventType TYPE = EventType::Blocked;
    ObjectId object; // or 0
    bool timed; // a timeout was given: the wait ends by itself
    ActorId joined; // join(): the actor waited for
    const std::string& operation; // "get", "recv", "acquire", "join", "put", "wait", "feed", "flush"
    static Blocked of(const Event& e)
    {
        return { .object = e.object, .timed = e.a == 1, .joined = views::actorIn(e.b), .operation = e.text };
    }
};

struct Unblocked {
    static constexpr EventType TYPE = EventType::Unblocked;
    ObjectId object; // or 0
    const std::string& operation;
    static Unblocked of(const Event& e) { return { .object = e.object, .operation = e.text }; }
};

// Gates (pause and step)

struct GateWaiting {
    static constexpr EventType TYPE = EventType::GateWaiting;
    bool micro; // a micro-step gate
    const std::string& where; // "put", "value += 1: read" ...
    static GateWaiting of(const Event& e) { return { .micro = e.a == 1, .where = e.text }; }
};

struct GatePassed {
    static constexpr EventType TYPE = EventType::GatePassed;
    static GatePassed of(const Event&) { return {}; }
};

// Counters (detail level `counters`): one actor's running totals for one object...
struct Counters {
    ObjectId object;
    std::int64_t put; // items put, or acquisitions
    std::int64_t got; // items got
    static bool matches(const Event& e) { return e.type == EventType::Counters && e.object; }
    static Counters of(const Event& e) { return { .object = e.object, .put = e.a, .got = e.b }; }
};

// ...or, with no object, how long the actor has spent blocked writing telemetry so far.
struct TelemetryStall {
    std::uint64_t stalledNs;
    static bool matches(const Event& e) { return e.type == EventType::Counters && !e.object; }
    static TelemetryStall of(const Event& e) { return { .stalledNs = e.b > 0 ? static_cast<std::uint64_t>(e.b) : 0 }; }
};

} // namespace mp::telemetry
