// SPDX-License-Identifier: MIT
#pragma once
// The bare-system-call side of raw_pipe_bench.cpp: CPython's message framing done by hand over a socketpair, and
// a peer started with fork() alone. Failures abort: a reference measurement has no error handling to speak of.

#include <benchmark/benchmark.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace rawpipe {

inline void writeAll(int fd, const char* p, std::size_t n)
{
    while (n > 0) {
        const ssize_t w = ::write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            std::abort();
        p += w;
        n -= static_cast<std::size_t>(w);
    }
}

inline void readAll(int fd, char* p, std::size_t n)
{
    while (n > 0) {
        const ssize_t r = ::read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            std::abort();
        p += r;
        n -= static_cast<std::size_t>(r);
    }
}

// `frame` holds 4 bytes of room for the header, then the payload.
inline void sendFrame(int fd, char* frame, std::size_t payloadSize)
{
    for (int i = 0; i < 4; ++i)
        frame[i] = static_cast<char>((payloadSize >> (24 - 8 * i)) & 0xff);
    writeAll(fd, frame, 4 + payloadSize);
}

// Returns the payload size; `buf` must be large enough for any payload the peer sends.
inline std::size_t recvFrame(int fd, char* buf)
{
    unsigned char header[4];
    readAll(fd, reinterpret_cast<char*>(header), 4);
    const std::size_t size = std::size_t { header[0] } << 24 | std::size_t { header[1] } << 16
        | std::size_t { header[2] } << 8 | header[3];
    readAll(fd, buf, size);
    return size;
}

inline void sendEmpty(int fd)
{
    char frame[4];
    sendFrame(fd, frame, 0);
}

struct RawPeer {
    int fd;
    pid_t pid;
};

// Forks a child that runs `body` on its end of a socketpair and then _exit()s; returns once it is running.
template <typename Body> RawPeer startPeer(Body body)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        std::abort();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        sendEmpty(fds[1]); // ready
        body(fds[1]);
        ::_exit(0);
    }
    ::close(fds[1]);
    char none[1];
    recvFrame(fds[0], none);
    return { fds[0], pid };
}

inline void finish(benchmark::State& state, RawPeer peer)
{
    ::close(peer.fd);
    int status = 0;
    if (::waitpid(peer.pid, &status, 0) != peer.pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        state.SkipWithError("the peer process failed");
}

} // namespace rawpipe
