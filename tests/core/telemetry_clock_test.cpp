// SPDX-License-Identifier: MIT
// Event timestamps (core/src/actor/clock.h) must be CLOCK_MONOTONIC nanoseconds, whatever they are read
// from: the host compares them with its own clock_gettime() (how long a lock has been wanted, whether a run
// is hung), and the actors' streams are merged by them. Checked across re-fits of the line and in a forked
// child, against readings of clock_gettime() taken just before and just after each timestamp.
#include "actor/clock.h"
#include "started_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

using mp::telemetry::nowNs;

std::uint64_t monotonic()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(ts.tv_nsec);
}

// How far a timestamp may stray from the clock_gettime() readings around it: the line's rate is measured
// over a few milliseconds, so it is off by far less than this.
constexpr std::uint64_t SLACK_NS = 20'000;

// Reads timestamps for `forNs`, each between two clock_gettime() readings; returns how many strayed or
// went back in time.
int strays(std::uint64_t forNs)
{
    int bad = 0;
    std::uint64_t last = 0;
    const std::uint64_t end = monotonic() + forNs;
    for (;;) {
        const std::uint64_t before = monotonic();
        const std::uint64_t t = nowNs();
        const std::uint64_t after = monotonic();
        if (t + SLACK_NS < before || t > after + SLACK_NS || t < last)
            ++bad;
        last = t;
        if (after > end)
            return bad;
    }
}

// Re-fits the line every 5 ms, as an actor's flusher does, until stopped. Started as the flusher is, so the
// fork below never lands in the thread's start-up (started_thread.h).
class Refitter {
public:
    Refitter()
        : m_thread(mp::detail::startedThread([this] {
            while (!m_stop.load()) {
                mp::telemetry::refitClock();
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        }))
    {
    }
    ~Refitter()
    {
        m_stop.store(true);
        m_thread.join();
    }

private:
    std::atomic<bool> m_stop { false };
    std::thread m_thread;
};

TEST(TelemetryClock, TimestampsAreClockMonotonicAcrossRefits)
{
    mp::telemetry::startClock();
    RecordProperty("reads_tsc", mp::telemetry::clockUsesTsc() ? "yes" : "no");
    Refitter refitter;
    EXPECT_EQ(strays(300'000'000), 0);
}

TEST(TelemetryClock, AForkedChildKeepsTheTimeBase)
{
    mp::telemetry::startClock();
    Refitter refitter; // busy re-fitting when the fork copies the line
    const std::uint64_t beforeFork = monotonic();
    const pid_t pid = ::fork();
    ASSERT_NE(pid, -1);
    if (pid == 0) {
        mp::telemetry::clockAfterFork();
        const bool afterParent = nowNs() + SLACK_NS >= beforeFork;
        int bad = 0;
        {
            Refitter own;
            bad = strays(100'000'000);
        }
        ::_exit(afterParent && bad == 0 ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
}

} // namespace
