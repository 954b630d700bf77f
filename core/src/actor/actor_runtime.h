// SPDX-License-Identifier: MIT
#pragma once
// What makes a process an actor: its id, its telemetry buffer and flusher thread, its captured stdout and
// stderr, and its gates. One per process, reached through `g_actor`, which is null when telemetry is off:
// then every instrumented point costs one predictable branch.

#include <mp/telemetry/event.h>

#include "clock.h"
#include "control_block.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace mp::telemetry {

class ActorRuntime {
public:
    ActorRuntime(
        int fd, ControlBlock* control, ActorId id, std::string name, ActorId parent, std::uint32_t forkSeq = 0);
    ~ActorRuntime() = delete; // lives as long as the process

    ActorId id() const { return m_id; }
    Detail detail() const { return m_detail; }
    ControlBlock* control() const { return m_control; }

    // lane: the thread the event is about (-1: the calling thread). Returns when the caller's next step
    // starts: the event's timestamp, or the time after a write of the buffer it caused; 0 if the event was
    // only counted.
    std::uint64_t emit(Event e, int lane = -1);
    // emit() with e.a set to the nanoseconds from `since` to the event's own timestamp (a wait that ends
    // with the event), so that the end of the wait costs no clock read of its own.
    void emitWaited(Event e, std::uint64_t since);
    void flush();
    void gate(bool micro, const char* where);
    // Reports a new object (ObjectCreated) labelled `label`, else by the namer (set_namer), else "queue#3"; the
    // label reported is left in `reported` when given.
    ObjectId newObject(
        ObjectKind kind, std::int64_t parameter, const std::string& label, std::string* reported = nullptr);
    ItemId newItem() { return ItemId { (std::uint64_t { m_id.value } << 40) | ++m_items }; }

    // A blocking operation in progress on this thread; the flusher reports it as Blocked once it has lasted
    // a little while, so fast operations cost no extra events.
    int beginBlocking(ObjectId object, const char* op, std::int64_t joined, bool timed);
    void endBlocking(int slot);
    // A blocking send() of `frameBytes` on pipe end `end`, descriptor `fd`: while it blocks, the flusher
    // reports how many bytes the pipe holds from that end (SendProgress).
    int beginSending(ObjectId object, int end, int fd, std::uint64_t frameBytes);

    // Process::start: before the fork (parent), and in the child, where the parent's runtime (its flusher
    // thread, its possibly-held mutex) is left behind untouched and a fresh one takes over.
    ActorId prepareChild();
    static void becomeChild(ActorId id, const std::string& name);
    // The actor's last words: drains its captured output, reports, stops the flusher.
    void exiting();

    // Sets g_actor for the main actor of a session.
    static void install(int fd, ControlBlock* control, ActorId id, const std::string& name);

private:
    struct BlockingSlot {
        // Free -> Claimed (being filled) -> Active -> (Reported, by the flusher) -> Free. Active->Reported and
        // Reported->Free happen under the buffer mutex, so Blocked is always encoded before its Unblocked.
        enum State : int { Free = 0, Active = 1, Reported = 2, Claimed = 3 };
        std::atomic<int> state { Free };
        std::atomic<std::uint64_t> sinceNs { 0 };
        ObjectId object;
        const char* op = "";
        std::int64_t joined = 0;
        bool timed = false;
        std::uint16_t thread = 0;
        // A send(): its end, descriptor and message size (0: not a send), and the bytes the pipe held at the
        // last report (NOT_SHOWN before the first).
        static constexpr std::uint64_t NOT_SHOWN = ~std::uint64_t { 0 };
        int end = 0;
        int fd = -1;
        std::uint64_t frameBytes = 0;
        std::atomic<std::uint64_t> shown { NOT_SHOWN };
    };

    // Emits e only if decide(), run under the buffer's mutex, says so: keeps a Blocked reported by the
    // flusher and the blocked thread's own Unblocked in the right order.
    template <typename Decide> void emitGuarded(Event e, int lane, Decide&& decide)
    {
        stamp(e, lane);
        std::lock_guard lock(m_mutex);
        if (decide())
            encodeLocked(e);
    }
    struct SendingOn {
        int end = 0;
        int fd = -1;
        std::uint64_t frameBytes = 0;
    };
    int claimBlocking(ObjectId object, const char* op, std::int64_t joined, bool timed, SendingOn sending);
    void reportBlocking(std::uint64_t now);
    void stamp(Event& e, int lane);
    bool countInstead(const Event& e, int lane);
    bool encodeStamped(Event& e);
    void start(ActorId parent, std::uint32_t forkSeq);
    void startCapture();
    void flusherLoop();
    void drainCapture(bool final);
    void writeOut(std::string_view bytes);
    void sampleCounters();
    void encodeLocked(Event& e);
    void keepUnsent(std::size_t from); // m_buffer from `from` on, into m_unsent
    void sentAll(); // m_buffer went out whole
    bool wanted(EventType type) const;
    std::uint16_t threadLane();
    static void setMainLane();

    int m_fd;
    ControlBlock* m_control;
    ActorId m_id;
    std::string m_name;
    Detail m_detail;
    std::mutex m_mutex;
    std::string m_buffer;
    ControlBlock::Unsent* m_unsent; // m_buffer's copy where the host can read it (control_block.h)
    std::uint32_t m_seq = 0;
    std::uint64_t m_lastFlushNs = 0;
    std::uint64_t m_items = 0;
    std::uint64_t m_stallNs = 0;
    std::uint64_t m_stallReported = 0;
    std::thread m_flusher;
    std::atomic<bool> m_stop { false };
    int m_captureRead[2] = { -1, -1 };
    std::array<BlockingSlot, 16> m_blocking;
    std::atomic<std::uint16_t> m_lanes { 0 };
    struct Count {
        std::int64_t a = 0;
        std::int64_t b = 0;
        bool changed = false;
    };
    std::unordered_map<std::uint32_t, Count> m_counters;
};

extern ActorRuntime* g_actor;

} // namespace mp::telemetry
