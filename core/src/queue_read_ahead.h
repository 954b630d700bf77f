// SPDX-License-Identifier: MIT
#pragma once
// A Queue's read-ahead: bytes its readers have taken out of the pipe but not yet handed out as messages, in
// memory every process of the queue shares. CPython reads each message with two read() calls (the length,
// then the payload); here one read() takes whatever the pipe holds, up to the buffer's room, and the next
// get() calls, in this process or any other, take their messages from the buffer first. Every reader of the
// queue's pipe reads through it, under the queue's reader lock, so messages still come out whole, in pipe
// order, each to one reader; empty() and a get() with a timeout count buffered bytes as readable.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

namespace mp::detail {

struct ReadAhead {
    static constexpr std::size_t CAPACITY = 64 * 1024 - 64;
    // data[begin, end) holds the bytes not yet taken. Changed only under the reader lock; one atomic word so
    // that empty() may look without the lock and never see half an update.
    struct Span {
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
    };
    std::atomic<Span> span {};
    static_assert(std::atomic<Span>::is_always_lock_free, "shared between processes: no hidden lock");
    char data[CAPACITY];

    bool holdsBytes() const
    {
        const Span s = span.load(std::memory_order_relaxed);
        return s.begin != s.end;
    }
};

// recvMessage() (connection_io.h) through `ahead`: the same messages, errors and end-of-file behaviour.
std::string recvMessageAhead(int fd, ReadAhead& ahead);

} // namespace mp::detail
