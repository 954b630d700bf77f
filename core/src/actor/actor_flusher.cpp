// SPDX-License-Identifier: MIT
// The actor's flusher thread: every few milliseconds it writes out buffered frames, turns captured output
// into Print events, reports operations that have been blocking for a while, and (at the `counters` detail
// level) samples per-object counters.

#include "actor_runtime.h"

#include <mp/errors.h>
#include <mp/telemetry/session.h>

#include "../fork_gate.h"

#include <mp/telemetry/wire.h>

#include <fcntl.h>
#include <linux/sockios.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace mp::telemetry {

namespace {
constexpr std::uint64_t BLOCKED_AFTER_NS = 10'000'000;
constexpr int TICK_MS = 5;
} // namespace

void ActorRuntime::flusherLoop()
{
    setMainLane(); // what the flusher reports (prints, counters) belongs to the actor as a whole
    while (!m_stop.load()) {
        pollfd fds[3];
        int n = 0;
        for (const int fd : m_captureRead)
            if (fd >= 0)
                fds[n++] = pollfd { fd, POLLIN, 0 };
        fds[n++] = pollfd { m_fd, 0, 0 }; // POLLERR once nobody reads the telemetry any more
        ::poll(fds, static_cast<nfds_t>(n), TICK_MS);
        if (fds[n - 1].revents & (POLLERR | POLLHUP))
            ::_exit(141); // the host is gone (killed, or the app closed): the run must not outlive it
        {
            mp::detail::AllocatingSection allocating; // Print texts and counter samples (fork_gate.h)
            drainCapture(false);
            refitClock();
            reportBlocking(nowNs());
            if (m_detail == Detail::Counters)
                sampleCounters();
        }
        flush();
    }
}

namespace {
// The bytes waiting in the pipe behind this write end, as the kernel counts them: a socket's send queue (a
// duplex Pipe is a socketpair), or what a pipe holds. -1 if neither can be told.
std::int64_t heldBehind(int fd)
{
    int n = 0;
    if (::ioctl(fd, SIOCOUTQ, &n) == 0 || ::ioctl(fd, FIONREAD, &n) == 0)
        return n;
    return -1;
}
} // namespace

// Operations blocked for a while become Blocked; a blocked send() then reports how many bytes the pipe holds
// from its end, each time that changes.
void ActorRuntime::reportBlocking(std::uint64_t now)
{
    for (BlockingSlot& s : m_blocking) {
        if (s.state.load() == BlockingSlot::Active && now - s.sinceNs.load() >= BLOCKED_AFTER_NS)
            emitGuarded(
                Event {
                    .type = EventType::Blocked, .object = s.object, .a = s.timed ? 1 : 0, .b = s.joined, .text = s.op },
                s.thread, [&] {
                    int expected = BlockingSlot::Active;
                    return s.state.compare_exchange_strong(expected, BlockingSlot::Reported);
                });
        if (s.state.load() != BlockingSlot::Reported || s.frameBytes == 0)
            continue;
        const std::int64_t held = heldBehind(s.fd);
        if (held < 0 || static_cast<std::uint64_t>(held) == s.shown.load(std::memory_order_relaxed))
            continue;
        emitGuarded(Event { .type = EventType::SendProgress,
                        .object = s.object,
                        .a = s.end,
                        .b = held,
                        .text = std::to_string(s.frameBytes) },
            s.thread, [&] { return s.state.load() == BlockingSlot::Reported; });
        s.shown.store(static_cast<std::uint64_t>(held), std::memory_order_relaxed);
    }
}

void ActorRuntime::drainCapture(bool final)
{
    char buf[MAX_TEXT];
    for (int stream = 0; stream < 2; ++stream) {
        const int fd = m_captureRead[stream];
        if (fd < 0)
            continue;
        for (;;) {
            pollfd p { fd, POLLIN, 0 };
            if (::poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP)))
                break;
            const ssize_t r = ::read(fd, buf, sizeof buf);
            if (r <= 0)
                break;
            emit(Event {
                .type = EventType::Print, .a = stream + 1, .text = std::string(buf, static_cast<std::size_t>(r)) });
        }
        if (final) {
            ::close(fd);
            m_captureRead[stream] = -1;
        }
    }
}

void ActorRuntime::sampleCounters()
{
    std::vector<Event> out;
    {
        std::lock_guard lock(m_mutex);
        for (auto& [object, c] : m_counters)
            if (c.changed) {
                c.changed = false;
                out.push_back(Event { .type = EventType::Counters, .object = ObjectId { object }, .a = c.a, .b = c.b });
            }
        if (m_stallNs != m_stallReported) {
            m_stallReported = m_stallNs;
            out.push_back(Event { .type = EventType::Counters, .b = static_cast<std::int64_t>(m_stallNs) });
        }
    }
    for (Event& e : out)
        emit(std::move(e));
}

ActorId ActorRuntime::prepareChild()
{
    const ActorId child { m_control->nextActor.fetch_add(1) };
    // The control block has a slot for each of the run's processes: past its last one, nothing is forked.
    if (child.value > MAX_ACTORS)
        throw ProcessError("mpstage observes at most " + std::to_string(MAX_ACTORS)
            + " processes in one run (MainProcess included), and this start() would be one more");
    flush();
    std::fflush(nullptr);
    return child;
}

void ActorRuntime::becomeChild(ActorId id, const std::string& name)
{
    ActorRuntime* parent = g_actor;
    for (const int fd : parent->m_captureRead)
        if (fd >= 0)
            ::close(fd);
    setMainLane();
    clockAfterFork();
    g_actor = new ActorRuntime(parent->m_fd, parent->m_control, id, name, parent->m_id, parent->m_seq);
}

void ActorRuntime::exiting()
{
    std::fflush(nullptr);
    m_stop.store(true);
    if (m_flusher.joinable())
        m_flusher.join();
    drainCapture(true);
    if (m_detail == Detail::Counters)
        sampleCounters();
    flush();
}

} // namespace mp::telemetry
