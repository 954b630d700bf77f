// SPDX-License-Identifier: MIT
#include <mp/connection.h>
#include <mp/pickle.h>

#include "actor/probe.h"
#include "connection_io.h"
#include "instrument.h"
#include "posix_call.h"
#include "runtime.h"
#include "shared_block.h"

#include <atomic>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mp {

BufferTooShort::BufferTooShort(Bytes message)
    : ProcessError(repr(Object(message)))
    , m_message(std::move(message))
{
}

namespace detail {
struct ConnectionState {
    // Atomic because a Queue's feeder thread closes the ends it shares with the threads that use the queue.
    std::atomic<int> fd { -1 };
    bool readable = false;
    bool writable = false;
    // Telemetry: which pipe and which end this is, and the shared message counters of the pipe
    // (sent[e] / received[e]: messages travelling toward end e), which order sends and receives.
    telemetry::ObjectId object;
    int end = 0;
    bool reportsMessages = false;
    std::shared_ptr<SharedBlock> countersBlock;
    std::atomic<std::uint64_t>* counters = nullptr; // sent[0], sent[1], received[0], received[1]

    ~ConnectionState() { closeFd(); }
    void closeFd()
    {
        if (const int old = fd.exchange(-1); old >= 0) {
            ::close(old);
            if (object)
                telemetry::probe::event(telemetry::EventType::EndpointClosed, object, end);
        }
    }
    std::int64_t nextIndex(int slot) { return counters ? static_cast<std::int64_t>(counters[slot].fetch_add(1)) : 0; }
    void checkClosed() const
    {
        if (fd < 0)
            throw OSError("handle is closed");
    }
    void checkReadable() const
    {
        checkClosed();
        if (!readable)
            throw OSError("connection is write-only");
    }
    void checkWritable() const
    {
        checkClosed();
        if (!writable)
            throw OSError("connection is read-only");
    }
};
} // namespace detail

Connection::Connection(int fd, bool readable, bool writable)
    : m(std::make_shared<detail::ConnectionState>())
{
    m->fd = fd;
    m->readable = readable;
    m->writable = writable;
}

namespace probe = telemetry::probe;
using telemetry::EventType;

namespace {
// `text` makes the repr; it runs only when a full-detail run will carry it.
template <typename Text> void reportSend(detail::ConnectionState& s, const Text& text)
{
    if (s.reportsMessages && probe::on())
        probe::event(EventType::Send, s.object, s.end, s.nextIndex(1 - s.end), probe::full() ? text() : std::string());
}

// Reading may block: report it, and report EOF when it comes. A big payload may go to `place` (true).
bool receivePlaced(
    detail::ConnectionState& s, std::optional<std::int64_t> maxlength, const PayloadPlace& place, std::string& small)
{
    if (!s.reportsMessages || !probe::on())
        return detail::recvMessagePlaced(s.fd, maxlength, place, small);
    probe::gate(false, "recv");
    probe::Blocking blocking(s.object, "recv");
    try {
        return detail::recvMessagePlaced(s.fd, maxlength, place, small);
    } catch (const EOFError&) {
        probe::event(EventType::Eof, s.object, s.end);
        throw;
    }
}

std::string receive(detail::ConnectionState& s, std::optional<std::int64_t> maxlength)
{
    std::string out;
    receivePlaced(s, maxlength, PayloadPlace {}, out);
    return out;
}

template <typename Text> void reportRecv(detail::ConnectionState& s, const Text& text)
{
    if (s.reportsMessages && probe::on())
        probe::event(EventType::Recv, s.object, s.end, s.nextIndex(2 + s.end), probe::full() ? text() : std::string());
}
} // namespace

namespace {
// Writing may block while the peer does not read: report it, with how much of the message the pipe holds.
void transmit(const detail::ConnectionState& s, std::string_view payload, const char* gate)
{
    if (s.reportsMessages && probe::on()) {
        probe::gate(false, gate);
        const int fd = s.fd;
        probe::BlockingSend blocking(s.object, s.end, fd, detail::frameSize(payload.size()));
        detail::sendMessage(fd, payload);
    } else {
        detail::sendMessage(s.fd, payload);
    }
}
} // namespace

void Connection::send(const Object& obj)
{
    m->checkWritable();
    const std::string payload = dumps(obj);
    transmit(*m, payload, "send");
    reportSend(*m, [&] { return repr(obj); });
}

void Connection::send_encoded(std::string_view payload, const Object& obj)
{
    m->checkWritable();
    transmit(*m, payload, "send");
    reportSend(*m, [&] { return repr(obj); });
}

Object Connection::recv_decoded(Object (*decode)(std::string_view payload))
{
    m->checkReadable();
    const std::string payload = receive(*m, std::nullopt);
    Object obj = decode(payload);
    reportRecv(*m, [&] { return repr(obj); });
    return obj;
}

Object Connection::recv()
{
    m->checkReadable();
    const std::string payload = receive(*m, std::nullopt);
    Object obj = loads(payload);
    reportRecv(*m, [&] { return repr(obj); });
    return obj;
}

void Connection::send_bytes(std::string_view buf, std::int64_t offset, std::optional<std::int64_t> size)
{
    m->checkWritable();
    const auto n = static_cast<std::int64_t>(buf.size());
    if (offset < 0)
        throw ValueError("offset is negative");
    if (n < offset)
        throw ValueError("buffer length < offset");
    std::int64_t count = n - offset;
    if (size) {
        if (*size < 0)
            throw ValueError("size is negative");
        if (offset + *size > n)
            throw ValueError("buffer length < offset + size");
        count = *size;
    }
    const std::string_view part = buf.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(count));
    transmit(*m, part, "send_bytes");
    reportSend(*m, [&] { return repr(Object(Bytes(std::string(part)))); });
}

Bytes Connection::recv_bytes(std::optional<std::int64_t> maxlength)
{
    std::string got;
    recv_bytes_placed(maxlength, PayloadPlace {}, got);
    return Bytes(std::move(got));
}

bool Connection::recv_bytes_placed(std::optional<std::int64_t> maxlength, const PayloadPlace& place, std::string& small)
{
    m->checkReadable(); // CPython checks closed, then direction, then the argument
    if (maxlength && *maxlength < 0)
        throw ValueError("negative maxlength");
    try {
        std::uint64_t size = 0;
        char* where = nullptr;
        // Keep where a placed payload went, for the report (its repr, at the `full` detail level only).
        struct Spy {
            const PayloadPlace* inner;
            std::uint64_t* size;
            char** where;
        } spy { &place, &size, &where };
        const PayloadPlace watched { .large = place.large,
            .place = place.place ? +[](void* c, std::uint64_t n) {
                auto* s = static_cast<Spy*>(c);
                *s->size = n;
                *s->where = s->inner->place(s->inner->context, n);
                return *s->where;
            }
                                 : nullptr,
            .context = &spy };
        const bool placed = receivePlaced(*m, maxlength, watched, small);
        reportRecv(*m, [&] {
            return repr(Object(placed ? Bytes(std::string_view(where, static_cast<std::size_t>(size))) : Bytes(small)));
        });
        return placed;
    } catch (const detail::BadMessageLength&) {
        // CPython's _bad_message_length: the stream is out of step, so this end can no longer be read.
        if (m->writable)
            m->readable = false;
        else
            close();
        throw OSError("bad message length");
    }
}

std::size_t Connection::recv_bytes_into(std::span<std::byte> buffer, std::int64_t offset)
{
    m->checkReadable();
    const auto n = static_cast<std::int64_t>(buffer.size());
    if (offset < 0)
        throw ValueError("negative offset");
    if (offset > n)
        throw ValueError("offset too large");
    std::string payload = receive(*m, std::nullopt);
    reportRecv(*m, [&] { return repr(Object(Bytes(payload))); });
    if (static_cast<std::int64_t>(payload.size()) > n - offset)
        throw BufferTooShort(Bytes(std::move(payload)));
    if (!payload.empty()) // an empty span may have no storage at all: memcpy must not see its null pointer
        std::memcpy(buffer.data() + offset, payload.data(), payload.size());
    return payload.size();
}

bool Connection::poll(Timeout timeout)
{
    m->checkReadable();
    if (!m->reportsMessages || !probe::on())
        return detail::waitReadable(m->fd, timeout);
    const bool waits = !timeout || *timeout > 0;
    if (waits)
        probe::gate(false, "poll");
    probe::Blocking blocking(m->object, "poll", probe::until(timeout));
    const bool ready = detail::waitReadable(m->fd, timeout);
    probe::event(EventType::Poll, m->object, m->end, ready ? 1 : 0);
    return ready;
}

int Connection::fileno() const
{
    m->checkClosed();
    return m->fd;
}

void Connection::close()
{
    m->closeFd();
}

bool Connection::closed() const
{
    return m->fd < 0;
}
bool Connection::readable() const
{
    return m->readable;
}
bool Connection::writable() const
{
    return m->writable;
}

telemetry::ObjectId Connection::telemetry_id() const
{
    return m->object;
}

namespace {
std::pair<Connection, Connection> makePipe(bool duplex)
{
    detail::ignoreSigpipe();
    int fds[2];
    if (duplex) {
        detail::posixCall([&] { return ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds); });
        return { Connection(fds[0], true, true), Connection(fds[1], true, true) };
    }
    detail::posixCall([&] { return ::pipe2(fds, O_CLOEXEC); });
    return { Connection(fds[0], true, false), Connection(fds[1], false, true) };
}
} // namespace

std::pair<Connection, Connection> Pipe(bool duplex)
{
    auto ends = makePipe(duplex);
    if (const telemetry::ObjectId id = probe::created(telemetry::ObjectKind::Pipe, duplex ? 1 : 0)) {
        detail::Instrument::lend(ends.first, id, 0, true);
        detail::Instrument::lend(ends.second, id, 1, true);
        detail::Instrument::shareCounters(ends.first, ends.second);
    }
    return ends;
}

namespace detail {
void Instrument::lend(Connection& end, telemetry::ObjectId owner, int endIndex, bool reportsMessages)
{
    end.m->object = owner;
    end.m->end = endIndex;
    end.m->reportsMessages = reportsMessages;
}
telemetry::ObjectId Instrument::id(const Connection& end)
{
    return end.m->object;
}

void Instrument::shareCounters(Connection& a, Connection& b)
{
    struct PipeCounters {
        std::atomic<std::uint64_t> c[4];
    };
    auto block = SharedBlock::create(sizeof(PipeCounters));
    std::size_t offset = 0;
    PipeCounters* counters = placeShared<PipeCounters>(*block, offset);
    for (Connection* end : { &a, &b }) {
        end->m->countersBlock = block;
        end->m->counters = counters->c;
    }
}
} // namespace detail

} // namespace mp
