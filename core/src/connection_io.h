// SPDX-License-Identifier: MIT
#pragma once
// The byte level of a Connection: CPython's message framing over a descriptor, and waiting for input.

#include <mp/timeout.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mp::detail {

struct BadMessageLength { };

// Writes header and payload with as few system calls as the kernel allows; blocks while the peer is full.
void sendMessage(int fd, std::string_view payload);
// Reads one whole message. EOFError at a clean end of stream, OSError("got end of file during message")
// part-way through one; BadMessageLength (after reading only the header) if it exceeds maxlength.
std::string recvMessage(int fd, std::optional<std::int64_t> maxlength);
// The rest of a message of `total` payload bytes whose first bytes are already in `payload`.
std::string readPayload(int fd, std::uint64_t total, std::string payload);
bool waitReadable(int fd, Timeout timeout);

// For writers that send several messages in one system call (a Queue's feeder): frame into a buffer, then
// write the buffer whole. The reader cannot tell the difference from one write per message.
void appendFrame(std::string& out, std::string_view payload);
void writeRaw(int fd, std::string_view data);

} // namespace mp::detail
