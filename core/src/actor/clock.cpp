// SPDX-License-Identifier: MIT
#include "clock.h"

#include <atomic>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace mp::telemetry {

namespace {

std::uint64_t monotonicNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(ts.tv_nsec);
}

#if defined(__x86_64__)

bool kernelKeepsTimeWithTsc()
{
    // open/read, not fopen: this runs in a freshly forked actor, where allocating is best avoided.
    const int fd = ::open("/sys/devices/system/clocksource/clocksource0/current_clocksource", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char name[32] = {};
    const ssize_t n = ::read(fd, name, sizeof name - 1);
    ::close(fd);
    return n > 0 && std::strcmp(name, "tsc\n") == 0;
}

// ns = ns0 + ((tsc - tsc0) * rate) >> 32. Written by one thread, read by any: a sequence lock, so a reader
// never mixes two lines. Every field is an atomic, so nothing here is a data race.
struct Line {
    std::atomic<std::uint32_t> seq { 0 };
    std::atomic<std::uint64_t> tsc0 { 0 };
    std::atomic<std::uint64_t> ns0 { 0 };
    std::atomic<std::uint64_t> rate { 0 }; // nanoseconds per tick, 32.32 fixed point
};
Line g_line;
std::atomic<bool> g_tsc { false };
thread_local std::uint64_t t_last = 0; // re-fits may step the line back a few ns: a thread never sees time go back

__extension__ using Wide = unsigned __int128; // a tick count times a 32.32 rate needs more than 64 bits

struct Reading {
    std::uint64_t tsc;
    std::uint64_t ns;
};

// A clock_gettime() paired with the counter read halfway through it: the narrowest of a few tries.
Reading read()
{
    Reading best {};
    std::uint64_t bestWindow = ~std::uint64_t { 0 };
    for (int i = 0; i < 4; ++i) {
        const std::uint64_t before = __rdtsc();
        const std::uint64_t ns = monotonicNs();
        const std::uint64_t after = __rdtsc();
        if (after - before < bestWindow) {
            bestWindow = after - before;
            best = Reading { before + (after - before) / 2, ns };
        }
    }
    return best;
}

void setLine(Reading at, std::uint64_t rate)
{
    const std::uint32_t s = g_line.seq.load(std::memory_order_relaxed);
    g_line.seq.store(s + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    g_line.tsc0.store(at.tsc, std::memory_order_relaxed);
    g_line.ns0.store(at.ns, std::memory_order_relaxed);
    g_line.rate.store(rate, std::memory_order_relaxed);
    g_line.seq.store(s + 2, std::memory_order_release);
}

std::uint64_t rateBetween(Reading a, Reading b)
{
    if (b.tsc <= a.tsc || b.ns <= a.ns)
        return 0;
    return static_cast<std::uint64_t>((static_cast<Wide>(b.ns - a.ns) << 32) / (b.tsc - a.tsc));
}

Reading g_lastFit {}; // the flusher's own: only the thread that re-fits touches it

#endif

} // namespace

bool clockUsesTsc()
{
#if defined(__x86_64__)
    return g_tsc.load(std::memory_order_relaxed);
#else
    return false;
#endif
}

std::uint64_t nowNs()
{
#if defined(__x86_64__)
    if (g_tsc.load(std::memory_order_relaxed)) {
        std::uint64_t tsc0, ns0, rate;
        std::uint32_t s;
        do {
            s = g_line.seq.load(std::memory_order_acquire);
            tsc0 = g_line.tsc0.load(std::memory_order_relaxed);
            ns0 = g_line.ns0.load(std::memory_order_relaxed);
            rate = g_line.rate.load(std::memory_order_relaxed);
            std::atomic_thread_fence(std::memory_order_acquire);
        } while ((s & 1) || g_line.seq.load(std::memory_order_relaxed) != s);
        const std::uint64_t tsc = __rdtsc();
        const std::uint64_t ticks = tsc > tsc0 ? tsc - tsc0 : 0;
        std::uint64_t ns = ns0 + static_cast<std::uint64_t>((static_cast<Wide>(ticks) * rate) >> 32);
        if (ns < t_last)
            ns = t_last;
        t_last = ns;
        return ns;
    }
#endif
    return monotonicNs();
}

void startClock()
{
#if defined(__x86_64__)
    if (g_tsc.load()) { // forked from a process that started the clock before: repair and move the line
        clockAfterFork();
        return;
    }
    if (!kernelKeepsTimeWithTsc())
        return;
    const Reading a = read();
    Reading b = read();
    while (b.ns - a.ns < 1'000'000)
        b = read();
    const std::uint64_t rate = rateBetween(a, b);
    if (rate == 0)
        return;
    setLine(b, rate);
    g_lastFit = b;
    g_tsc.store(true);
#endif
}

void refitClock()
{
#if defined(__x86_64__)
    if (!g_tsc.load(std::memory_order_relaxed))
        return;
    const Reading now = read();
    if (now.ns - g_lastFit.ns < 1'000'000)
        return; // too short a span to measure the rate better than the line already has it
    const std::uint64_t rate = rateBetween(g_lastFit, now);
    if (rate == 0)
        return;
    setLine(now, rate);
    g_lastFit = now;
#endif
}

void clockAfterFork()
{
#if defined(__x86_64__)
    if (!g_tsc.load(std::memory_order_relaxed))
        return;
    g_line.seq.store(0, std::memory_order_relaxed);
    const Reading now = read();
    setLine(now, g_line.rate.load(std::memory_order_relaxed)); // one store: the old rate or the new, both good
    g_lastFit = now;
#endif
}

} // namespace mp::telemetry
