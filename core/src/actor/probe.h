// SPDX-License-Identifier: MIT
#pragma once
// What the engine's primitives call to report and to stop at gates. Every call starts with the same test of
// one pointer, so with telemetry off an instrumented point costs one predictable branch.

#include "actor_runtime.h"

#include <mp/embedding.h>
#include <mp/object.h>
#include <mp/timeout.h>

namespace mp::telemetry::probe {

inline bool on()
{
    return g_actor != nullptr;
}
inline bool full()
{
    return g_actor && g_actor->detail() == Detail::Full;
}

inline void gate(bool micro, const char* where)
{
    if (g_actor && g_actor->control()->mode.load(std::memory_order_relaxed) != ControlBlock::Run)
        g_actor->gate(micro, where);
}

inline void event(EventType type, ObjectId object, std::int64_t a = 0, std::int64_t b = 0, std::string text = {},
    ItemId item = {}, std::string detail = {})
{
    if (g_actor)
        g_actor->emit(Event { .type = type,
            .object = object,
            .item = item,
            .a = a,
            .b = b,
            .text = std::move(text),
            .detail = std::move(detail) });
}

// event() that says when the caller's next step starts (its timestamp, unless reporting it took a write:
// then after that); 0 when the event is not encoded. What a wait measured from the event starts from.
inline std::uint64_t timedEvent(EventType type, ObjectId object)
{
    return g_actor ? g_actor->emit(Event { .type = type, .object = object }) : 0;
}

// event() with a = the nanoseconds from `since` (a nowNs() reading) to the event's own timestamp.
inline void waitedEvent(EventType type, ObjectId object, std::uint64_t since, std::int64_t b)
{
    if (g_actor)
        g_actor->emitWaited(Event { .type = type, .object = object, .b = b }, since);
}

// repr() costs; only pay for it when the event will carry it.
// An int (what a Value's cell mostly holds) skips the general repr().
inline std::string reprIfFull(const Object& obj)
{
    if (!full())
        return {};
    if (const std::int64_t* i = std::get_if<std::int64_t>(&obj.value()))
        return std::to_string(*i);
    return repr(obj);
}

// Parts of a compound object (a Queue's pipe and locks, a Condition's semaphores) are built inside a Quiet
// scope: they do not announce themselves; the compound does, and lends them its id.
struct Quiet {
    Quiet();
    ~Quiet();
    static bool active();
};

ObjectId created(ObjectKind kind, std::int64_t parameter);

// Marks a call that may block; reported as Blocked (and later Unblocked) only if it lasts a while. A timed
// wait (a timeout was given) ends by itself, so it is never part of a hang.
enum class Until : bool { Forever, Timeout };
inline Until until(const Timeout& timeout)
{
    return timeout ? Until::Timeout : Until::Forever;
}

class Blocking {
public:
    Blocking(ObjectId object, const char* op, Until until = Until::Forever, std::int64_t joinedActor = 0)
        : m_slot(g_actor ? g_actor->beginBlocking(object, op, joinedActor, until == Until::Timeout) : -1)
    {
    }
    ~Blocking()
    {
        if (m_slot >= 0 && g_actor)
            g_actor->endBlocking(m_slot);
    }
    Blocking(const Blocking&) = delete;
    Blocking& operator=(const Blocking&) = delete;

protected:
    struct Sending { };
    Blocking(Sending, ObjectId object, int end, int fd, std::uint64_t frameBytes)
        : m_slot(g_actor ? g_actor->beginSending(object, end, fd, frameBytes) : -1)
    {
    }

private:
    mp::detail::Waiting m_waiting; // an embedding host's lock (Python's GIL) is let go meanwhile
    int m_slot;
};

// A send() on pipe end `end` (descriptor `fd`) of a message of `frameBytes` on the wire: blocking as above,
// and while it blocks the flusher reports how many bytes the pipe holds from this end, as the kernel counts
// them (SendProgress).
class BlockingSend : public Blocking {
public:
    BlockingSend(ObjectId object, int end, int fd, std::uint64_t frameBytes)
        : Blocking(Sending {}, object, end, fd, frameBytes)
    {
    }
};

} // namespace mp::telemetry::probe
