// SPDX-License-Identifier: MIT
#include "futex.h"

#include <cerrno>
#include <climits>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace mp::detail {

bool futexWait(std::atomic<std::uint32_t>* word, std::uint32_t expected, double seconds)
{
    timespec ts {};
    timespec* tsp = nullptr;
    if (seconds >= 0) {
        ts.tv_sec = static_cast<time_t>(seconds);
        ts.tv_nsec = static_cast<long>((seconds - static_cast<double>(ts.tv_sec)) * 1e9);
        tsp = &ts;
    }
    const long r = syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAIT, expected, tsp, nullptr, 0);
    return !(r == -1 && errno == ETIMEDOUT);
}

void futexWake(std::atomic<std::uint32_t>* word, int count)
{
    syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAKE, count, nullptr, nullptr, 0);
}

} // namespace mp::detail
