// SPDX-License-Identifier: MIT
#include "actor_runtime.h"

#include <mp/embedding.h>

#include <mp/telemetry/session.h>
#include <mp/telemetry/wire.h>

#include "../futex.h"
#include "../posix_call.h"
#include "../started_thread.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace mp::telemetry {

ActorRuntime* g_actor = nullptr;

namespace {

std::atomic<Namer> g_namer { nullptr }; // set_namer's

constexpr std::uint64_t FLUSH_EVERY_NS = 5'000'000;
thread_local int t_lane = -1;

// Events a `counters`-level run still reports one by one: what the stage needs to draw actors and objects.
bool coarse(EventType type)
{
    switch (type) {
    case EventType::PutCalled:
    case EventType::PutBuffered:
    case EventType::FeederWritten:
    case EventType::GetCalled:
    case EventType::GetReturned:
    case EventType::Send:
    case EventType::Recv:
    case EventType::Poll:
    case EventType::LockWanted:
    case EventType::LockAcquired:
    case EventType::LockReleased:
    case EventType::ValueRead:
    case EventType::ValueWritten:
    case EventType::EmptyAnswer:
    case EventType::QsizeAnswer:
    case EventType::FullAnswer:
    case EventType::TaskDone:
        return false;
    default:
        return true;
    }
}

std::string defaultLabel(ObjectKind kind, ObjectId id)
{
    std::string name = objectKindName(kind);
    for (char& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name + "#" + std::to_string(id.value);
}

} // namespace

ActorRuntime::ActorRuntime(
    int fd, ControlBlock* control, ActorId id, std::string name, ActorId parent, std::uint32_t forkSeq)
    : m_fd(fd)
    , m_control(control)
    , m_id(id)
    , m_name(std::move(name))
    , m_detail(static_cast<Detail>(control->detail.load()))
    , m_unsent(&control->unsent[id.value])
{
    m_unsent->length.store(0);
    start(parent, forkSeq);
}

void ActorRuntime::setMainLane()
{
    t_lane = 0;
}

void ActorRuntime::install(int fd, ControlBlock* control, ActorId id, const std::string& name)
{
    t_lane = 0;
    startClock();
    g_actor = new ActorRuntime(fd, control, id, name, ActorId {});
}

void ActorRuntime::start(ActorId parent, std::uint32_t forkSeq)
{
    m_buffer.reserve(PIPE_BUF + FRAME_FIXED_SIZE + 2 * MAX_TEXT); // frames are encoded in place, never reallocating

    m_control->slots[m_id.value].pid.store(static_cast<std::int32_t>(getpid()));
    startCapture();
    // item: how many frames the parent had reported when it forked, so the World knows exactly which of the
    // parent's pipe ends the child inherited, whatever order the frames arrive in.
    emit(Event { .type = EventType::ActorStarted,
        .item = ItemId { forkSeq },
        .a = getpid(),
        .b = parent.value,
        .text = m_name });
    flush();
    m_flusher = mp::detail::startedThread([this] { flusherLoop(); });
}

// The actor's stdout and stderr go to pipes its flusher reads, so what it prints comes back as Print events
// attributed to it, and never mixes with the telemetry stream. A stream that cannot be captured is left as it
// is (this runs in a freshly forked actor, before its target: nothing there could catch the error), and the
// failed call is said on stderr.
void ActorRuntime::startCapture()
{
    std::fflush(nullptr);
    for (int stream = 0; stream < 2; ++stream) {
        int fds[2] = { -1, -1 };
        try {
            MP_POSIX_CALL(pipe2, fds, O_CLOEXEC);
            MP_POSIX_CALL(dup2, fds[1], stream + 1);
        } catch (const mp::OSError& e) {
            for (const int fd : fds)
                if (fd >= 0)
                    ::close(fd);
            std::fprintf(stderr, "mpstage: %s's %s is not captured: %s\n", m_name.c_str(),
                stream == 0 ? "stdout" : "stderr", e.what());
            continue;
        }
        ::close(fds[1]);
        m_captureRead[stream] = fds[0];
    }
}

bool ActorRuntime::wanted(EventType type) const
{
    return m_detail == Detail::Full || coarse(type);
}

std::uint16_t ActorRuntime::threadLane()
{
    if (t_lane < 0)
        t_lane = ++m_lanes;
    return static_cast<std::uint16_t>(t_lane);
}

void ActorRuntime::encodeLocked(Event& e)
{
    e.seq = m_seq++;
    // Encoded in place at the end of the buffer; if it does not fit, what came before leaves first.
    const std::size_t start = m_buffer.size();
    encodeFrame(m_buffer, e);
    if (m_buffer.size() > PIPE_BUF) {
        writeOut(std::string_view(m_buffer).substr(0, start));
        m_buffer.erase(0, start);
        keepUnsent(0);
    } else {
        keepUnsent(start);
    }
}

void ActorRuntime::keepUnsent(std::size_t from)
{
    const std::size_t n = std::min(m_buffer.size(), ControlBlock::Unsent::CAPACITY);
    if (from < n)
        std::memcpy(m_unsent->bytes + from, m_buffer.data() + from, n - from);
    m_unsent->length.store(static_cast<std::uint32_t>(n), std::memory_order_release); // after the bytes
}

void ActorRuntime::sentAll()
{
    m_buffer.clear();
    m_unsent->length.store(0, std::memory_order_release);
}

void ActorRuntime::stamp(Event& e, int lane)
{
    e.actor = m_id;
    e.timeNs = nowNs();
    e.thread = lane >= 0 ? static_cast<std::uint16_t>(lane) : threadLane();
}

// An event this detail level does not report one by one: counted (puts, gets, acquisitions) or dropped.
bool ActorRuntime::countInstead(const Event& e, int lane)
{
    if (wanted(e.type))
        return false;
    if (lane < 0)
        threadLane(); // a thread's lane is its number in order of first report, counted or not
    const bool isGet = e.type == EventType::GetReturned || e.type == EventType::Recv;
    const bool isPut = e.type == EventType::PutCalled || e.type == EventType::Send || e.type == EventType::LockAcquired;
    if (isGet || isPut) {
        std::lock_guard lock(m_mutex);
        Count& c = m_counters[e.object.value];
        (isPut ? c.a : c.b) += 1;
        c.changed = true;
    }
    return true;
}

// True if it wrote the buffer out.
bool ActorRuntime::encodeStamped(Event& e)
{
    std::lock_guard lock(m_mutex);
    const std::size_t before = m_buffer.size();
    encodeLocked(e);
    bool wrote = m_buffer.size() < before;
    if (e.timeNs - m_lastFlushNs > FLUSH_EVERY_NS) {
        writeOut(m_buffer);
        sentAll();
        m_lastFlushNs = e.timeNs;
        wrote = true;
    }
    return wrote;
}

std::uint64_t ActorRuntime::emit(Event e, int lane)
{
    if (countInstead(e, lane))
        return 0;
    stamp(e, lane);
    return encodeStamped(e) ? nowNs() : e.timeNs;
}

void ActorRuntime::emitWaited(Event e, std::uint64_t since)
{
    if (countInstead(e, -1))
        return;
    stamp(e, -1);
    e.a = static_cast<std::int64_t>(e.timeNs - since);
    encodeStamped(e);
}

void ActorRuntime::flush()
{
    std::lock_guard lock(m_mutex);
    if (!m_buffer.empty()) {
        writeOut(m_buffer);
        sentAll();
    }
    m_lastFlushNs = nowNs();
}

// One write() of whole frames, at most PIPE_BUF bytes: atomic, so actors never interleave mid-frame.
void ActorRuntime::writeOut(std::string_view bytes)
{
    if (bytes.empty())
        return;
    const std::uint64_t t0 = nowNs();
    for (;;) {
        const ssize_t w = ::write(m_fd, bytes.data(), bytes.size());
        if (w == static_cast<ssize_t>(bytes.size()))
            break;
        if (w == -1 && errno == EINTR)
            continue;
        // The reader is gone (EPIPE) or the pipe is broken: this run is over for this actor.
        ::_exit(141);
    }
    const std::uint64_t spent = nowNs() - t0;
    if (spent > 1'000'000) // only a write that had to wait for room counts as a stall
        m_stallNs += spent;
}

ObjectId ActorRuntime::newObject(
    ObjectKind kind, std::int64_t parameter, const std::string& label, std::string* reported)
{
    ProgramNames names;
    if (const Namer namer = g_namer.load(std::memory_order_relaxed); namer && label.empty())
        names = namer(kind, parameter);
    const ObjectId id { m_control->nextObject.fetch_add(1) };
    std::string text = !label.empty() ? label : !names.object.empty() ? names.object : defaultLabel(kind, id);
    if (reported)
        *reported = text;
    emit(Event { .type = EventType::ObjectCreated,
        .object = id,
        .a = static_cast<std::int64_t>(kind),
        .b = parameter,
        .text = std::move(text) });
    for (int end = 0; end < 2; ++end)
        if (!names.ends[static_cast<std::size_t>(end)].empty())
            emit(Event { .type = EventType::ObjectLabel,
                .object = id,
                .a = end + 1,
                .text = names.ends[static_cast<std::size_t>(end)] });
    return id;
}

void set_namer(Namer namer)
{
    g_namer.store(namer, std::memory_order_relaxed);
}

void ActorRuntime::gate(bool micro, const char* where)
{
    ControlBlock::Slot& slot = m_control->slots[m_id.value];
    bool waited = false;
    for (;;) {
        if (m_control->mode.load() == ControlBlock::Run || (micro && !m_control->micro.load()))
            break;
        std::uint32_t grants = slot.grants.load();
        if (grants > 0) {
            if (slot.grants.compare_exchange_weak(grants, grants - 1))
                break;
            continue;
        }
        if (!waited) {
            waited = true;
            emit(Event { .type = EventType::GateWaiting, .a = micro ? 1 : 0, .text = where });
            flush();
            slot.atGate.store(1);
        }
        mp::detail::Waiting waiting; // a host language's lock is let go at the gate
        mp::detail::futexWait(&slot.grants, 0, 0.2);
    }
    if (waited) {
        slot.atGate.store(0);
        emit(Event { .type = EventType::GatePassed });
    }
}

int ActorRuntime::beginBlocking(ObjectId object, const char* op, std::int64_t joined, bool timed)
{
    return claimBlocking(object, op, joined, timed, {});
}

int ActorRuntime::beginSending(ObjectId object, int end, int fd, std::uint64_t frameBytes)
{
    return claimBlocking(object, "send", 0, false, SendingOn { .end = end, .fd = fd, .frameBytes = frameBytes });
}

int ActorRuntime::claimBlocking(ObjectId object, const char* op, std::int64_t joined, bool timed, SendingOn sending)
{
    const std::uint16_t lane = threadLane();
    for (std::size_t i = 0; i < m_blocking.size(); ++i) {
        BlockingSlot& s = m_blocking[i];
        int expected = BlockingSlot::Free;
        if (!s.state.compare_exchange_strong(expected, BlockingSlot::Claimed))
            continue;
        s.object = object;
        s.op = op;
        s.joined = joined;
        s.timed = timed;
        s.end = sending.end;
        s.fd = sending.fd;
        s.frameBytes = sending.frameBytes;
        s.shown.store(BlockingSlot::NOT_SHOWN, std::memory_order_relaxed);
        s.thread = lane;
        s.sinceNs.store(nowNs());
        s.state.store(BlockingSlot::Active);
        return static_cast<int>(i);
    }
    return -1;
}

void ActorRuntime::endBlocking(int slot)
{
    if (slot < 0)
        return;
    BlockingSlot& s = m_blocking[static_cast<std::size_t>(slot)];
    int expected = BlockingSlot::Active;
    if (s.state.compare_exchange_strong(expected, BlockingSlot::Free))
        return; // over before anyone reported it
    emitGuarded(Event { .type = EventType::Unblocked, .object = s.object, .text = s.op }, s.thread, [&] {
        s.state.store(BlockingSlot::Free);
        return true;
    });
}

} // namespace mp::telemetry
