// SPDX-License-Identifier: MIT
#include "queue_read_ahead.h"

#include "connection_io.h"
#include "posix_call.h"

#include <mp/errors.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace mp::detail {

namespace {

constexpr auto RELAXED = std::memory_order_relaxed;

std::uint64_t bigEndianAt(const char* p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

// One read() of whatever the pipe holds (waiting for at least a byte) into the room after the buffered bytes,
// which move to the front first. False at end of file.
bool fill(int fd, ReadAhead& a)
{
    ReadAhead::Span s = a.span.load(RELAXED);
    if (s.begin > 0) {
        std::memmove(a.data, a.data + s.begin, s.end - s.begin);
        s = { 0, s.end - s.begin };
        a.span.store(s, RELAXED);
    }
    const ssize_t n = posixCall([&] { return ::read(fd, a.data + s.end, ReadAhead::CAPACITY - s.end); });
    if (n == 0)
        return false;
    a.span.store({ s.begin, s.end + static_cast<std::uint32_t>(n) }, RELAXED);
    return true;
}

} // namespace

std::string recvMessageAhead(int fd, ReadAhead& a)
{
    for (;;) {
        const ReadAhead::Span s = a.span.load(RELAXED);
        const std::uint32_t b = s.begin;
        const std::size_t have = s.end - s.begin;
        const char* p = a.data + b;
        // CPython's framing: a 4-byte big-endian signed length; -1 there says an 8-byte length follows.
        if (have >= 4) {
            std::int64_t size = static_cast<std::int32_t>(bigEndianAt(p, 4));
            std::size_t header = 4;
            bool known = true;
            if (size == -1) {
                header = 12;
                known = have >= 12;
                if (known)
                    size = static_cast<std::int64_t>(bigEndianAt(p + 4, 8));
            }
            if (known && size < 0) {
                a.span.store({ b + static_cast<std::uint32_t>(header), s.end }, RELAXED); // consumed, as from the pipe
                throw OSError("bad message length");
            }
            if (known) {
                const auto total = static_cast<std::uint64_t>(size);
                if (header + total <= have) { // the whole message is here
                    std::string payload(p + header, static_cast<std::size_t>(total));
                    a.span.store({ b + static_cast<std::uint32_t>(header + total), s.end }, RELAXED);
                    return payload;
                }
                if (header + total > ReadAhead::CAPACITY) { // too big for the buffer: the rest straight from the pipe
                    std::string payload(p + header, have - header);
                    a.span.store({ s.end, s.end }, RELAXED);
                    return readPayload(fd, total, std::move(payload));
                }
            }
        }
        if (!fill(fd, a)) {
            // End of file: what was buffered was never a whole message, and is gone, as it would be from the pipe.
            const ReadAhead::Span left = a.span.load(RELAXED);
            a.span.store({ left.end, left.end }, RELAXED);
            if (have == 0)
                throw EOFError();
            throw OSError("got end of file during message");
        }
    }
}

} // namespace mp::detail
