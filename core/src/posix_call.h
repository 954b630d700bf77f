// SPDX-License-Identifier: MIT
#pragma once
// One place where system calls fail: retry on EINTR, and on any other failure raise the OSError subclass
// Python would raise, with errno and a note of which call failed (iceoryx IOX_POSIX_CALL, in spirit).

#include <mp/errors.h>

#include <cerrno>

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

// Monotonic seconds, for deadlines.
double monotonic();

} // namespace mp::detail
