// SPDX-License-Identifier: MIT
#pragma once
// One place where system calls fail: retry on EINTR, and on any other failure raise the OSError subclass
// Python would raise, with errno (iceoryx IOX_POSIX_CALL, in spirit).
//
// MP_POSIX_CALL(pipe2, fds, O_CLOEXEC) also records which call failed and where: the OSError's message ends
// with "(pipe2 at session.cpp:33)" and OSError::call() holds it. posixCall([&] { ... }) leaves the message
// as CPython has it ("[Errno 32] Broken pipe"), for the calls whose errors a Python program sees word for
// word (a connection's reads and writes, fork).

#include <mp/errors.h>

#include <cerrno>
#include <source_location>

namespace mp::detail {

template <typename Fn> auto retryEintr(Fn&& fn)
{
    for (;;) {
        auto r = fn();
        if (r != -1 || errno != EINTR)
            return r;
    }
}

template <typename Fn> auto posixCall(Fn&& fn)
{
    auto r = retryEintr(fn);
    if (r == -1)
        raise_os_error(errno);
    return r;
}

// Raises the OSError for errno, naming `function` and the file:line of `where` (errors.cpp).
[[noreturn]] void raiseFailedCall(int errnum, const char* function, const std::source_location& where);

template <typename Fn> auto posixCallNamed(const char* function, const std::source_location& where, Fn&& fn)
{
    auto r = retryEintr(fn);
    if (r == -1)
        raiseFailedCall(errno, function, where);
    return r;
}

// Monotonic seconds, for deadlines.
double monotonic();

} // namespace mp::detail

// MP_POSIX_CALL(fn, args...): calls ::fn(args...) as posixCall does, and names fn and this line on failure.
#define MP_POSIX_CALL(fn, ...)                                                                                         \
    ::mp::detail::posixCallNamed(#fn, std::source_location::current(), [&] { return ::fn(__VA_ARGS__); })
