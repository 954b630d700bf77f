// SPDX-License-Identifier: MIT
#pragma once
// multiprocessing.connection: Pipe() and Connection with CPython's framing (a 4-byte big-endian length,
// or -1 and an 8-byte length for messages over 2 GiB), CPython's argument checks and CPython's errors.
// A Connection is a handle: copies in one process share one descriptor, and close() closes it for all of
// them, as Python references to one Connection object do. Across fork each process has its own copy of
// the descriptor, so EOF arrives only when every process has closed every copy of the write end.

#include <mp/errors.h>
#include <mp/object.h>
#include <mp/telemetry/ids.h>
#include <mp/timeout.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

namespace mp {

// Raised by recv_bytes_into when the buffer is too small; holds the whole message (e.args[0] in Python).
class BufferTooShort : public ProcessError {
public:
    explicit BufferTooShort(Bytes message);
    const char* type_name() const noexcept override { return "BufferTooShort"; }
    const Bytes& message() const noexcept { return m_message; }

private:
    Bytes m_message;
};

namespace detail {
struct ConnectionState;
struct Instrument;
} // namespace detail

// Where recv_bytes_placed() reads a big message: an embedding's own bytes object (Python's), so that it is
// neither zero-filled first nor copied again after. place(context, n) is called once the length is known.
struct PayloadPlace {
    std::uint64_t large = 0; // messages at least this big go there; smaller ones are returned as a string
    char* (*place)(void* context, std::uint64_t n) = nullptr;
    void* context = nullptr;
};

class Connection {
public:
    // Wraps an open descriptor; the Connection owns it from now on.
    Connection(int fd, bool readable, bool writable);

    void send(const Object& obj);
    Object recv();
    void send_bytes(std::string_view buf, std::int64_t offset = 0, std::optional<std::int64_t> size = std::nullopt);
    void send_bytes(const Bytes& buf, std::int64_t offset = 0, std::optional<std::int64_t> size = std::nullopt)
    {
        send_bytes(buf.view(), offset, size);
    }
    Bytes recv_bytes(std::optional<std::int64_t> maxlength = std::nullopt);
    // recv_bytes(), for an embedding: a message of at least place.large bytes (up to 1 MiB) goes straight into
    // place.place()'s storage and true is returned; a smaller (or larger) one is left in `small`.
    bool recv_bytes_placed(std::optional<std::int64_t> maxlength, const PayloadPlace& place, std::string& small);
    // send() and recv() for a host language that encodes its own objects (Python pickles them): the payload
    // goes on the wire as it is, as CPython's send() writes its pickle, and `decode` turns what arrives back
    // into an object (it runs in the receiving thread). `obj` and the decoded object are what the run's
    // telemetry shows.
    void send_encoded(std::string_view payload, const Object& obj);
    Object recv_decoded(Object (*decode)(std::string_view payload));
    std::size_t recv_bytes_into(std::span<std::byte> buffer, std::int64_t offset = 0);
    // poll() and poll(0.0) return at once; poll(std::nullopt) waits forever.
    bool poll(Timeout timeout = 0.0);

    int fileno() const;
    void close();
    bool closed() const;
    bool readable() const;
    bool writable() const;

    // The id of the pipe this end belongs to in the run's telemetry (0 when the run is not observed).
    telemetry::ObjectId telemetry_id() const;

private:
    friend struct detail::Instrument;
    std::shared_ptr<detail::ConnectionState> m;
};

// Pipe(duplex=True): a socketpair, both ends read and write. Pipe(false): pipe(2), first end reads only,
// second end writes only.
std::pair<Connection, Connection> Pipe(bool duplex = true);

} // namespace mp
