// SPDX-License-Identifier: MIT
#pragma once
// The byte level of a Connection: CPython's message framing over a descriptor, and waiting for input.

#include <mp/connection.h>
#include <mp/timeout.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mp::detail {

struct BadMessageLength { };

// Writes header and payload with as few system calls as the kernel allows; blocks while the peer is full.
void sendMessage(int fd, std::string_view payload);
// The bytes a payload of this size takes on the wire, its length header included.
std::uint64_t frameSize(std::uint64_t payload);
// Reads one whole message. EOFError at a clean end of stream, and also when the stream ends right after the
// 4-byte length (or right after its -1 marker): CPython reads a message in pieces (the length, the long
// length, the payload) and raises EOFError when nothing of a piece arrives. OSError("got end of file during
// message") part-way through a piece. A negative 4-byte length other than -1 is an empty message, as CPython
// reads it (struct '!i', then _recv of a negative size), and the long length is unsigned ('!Q'). BadMessageLength
// (after reading only the header) if it exceeds maxlength.
std::string recvMessage(int fd, std::optional<std::int64_t> maxlength);
// The same, but a payload of at least place.large bytes (and at most 1 MiB, the size trusted outright) is read
// straight into the storage place.place() returns (connection.h). Returns whether it was.
bool recvMessagePlaced(int fd, std::optional<std::int64_t> maxlength, const PayloadPlace& place, std::string& small);
// The rest of a message of `total` payload bytes whose first bytes are already in `payload`. With
// `eofBeforeAnyIsEof`, end of file before the first byte of a payload that is still empty is EOFError (as
// CPython's _recv(size) says when nothing at all of what it reads arrived), not an error in mid-message.
std::string readPayload(int fd, std::uint64_t total, std::string payload, bool eofBeforeAnyIsEof = false);
bool waitReadable(int fd, Timeout timeout);

// For writers that send several messages in one system call (a Queue's feeder): frame into a buffer, then
// write the buffer whole. The reader cannot tell the difference from one write per message.
void appendFrame(std::string& out, std::string_view payload);
void writeRaw(int fd, std::string_view data);

} // namespace mp::detail
