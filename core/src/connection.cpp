// SPDX-License-Identifier: MIT
#include <mp/connection.h>
#include <mp/pickle.h>

#include "connection_io.h"
#include "posix_call.h"
#include "runtime.h"

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

    ~ConnectionState() { closeFd(); }
    void closeFd()
    {
        if (const int old = fd.exchange(-1); old >= 0)
            ::close(old);
    }
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

void Connection::send(const Object& obj)
{
    m->checkWritable();
    const std::string payload = dumps(obj);
    detail::sendMessage(m->fd, payload);
}

Object Connection::recv()
{
    m->checkReadable();
    const std::string payload = detail::recvMessage(m->fd, std::nullopt);
    return loads(payload);
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
    detail::sendMessage(m->fd, buf.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(count)));
}

Bytes Connection::recv_bytes(std::optional<std::int64_t> maxlength)
{
    if (maxlength && *maxlength < 0)
        throw ValueError("negative maxlength");
    m->checkReadable();
    try {
        return Bytes(detail::recvMessage(m->fd, maxlength));
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
    std::string payload = detail::recvMessage(m->fd, std::nullopt);
    if (static_cast<std::int64_t>(payload.size()) > n - offset)
        throw BufferTooShort(Bytes(std::move(payload)));
    std::memcpy(buffer.data() + offset, payload.data(), payload.size());
    return payload.size();
}

bool Connection::poll(Timeout timeout)
{
    m->checkReadable();
    return detail::waitReadable(m->fd, timeout);
}

int Connection::fileno() const
{
    m->checkClosed();
    return m->fd;
}

void Connection::close() { m->closeFd(); }

bool Connection::closed() const { return m->fd < 0; }
bool Connection::readable() const { return m->readable; }
bool Connection::writable() const { return m->writable; }

std::pair<Connection, Connection> Pipe(bool duplex)
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

} // namespace mp
