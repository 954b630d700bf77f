// SPDX-License-Identifier: MIT
// The floor under telemetry_bench.cpp: what observing the contention workload would cost with nothing but
// the bare minimum. Two processes increment an int under a process-shared pthread mutex; inside the critical
// section (where four of the five events a `full` run reports happen) each process takes EVENTS timestamps
// and appends EVENTS records of BYTES bytes to a 4 KiB buffer, written to one pipe when full; this process
// drains the pipe and sums the bytes (the cheapest reader there is). CLOCK: 0 no timestamps, 1 the
// time-stamp counter (rdtsc), 2 clock_gettime(CLOCK_MONOTONIC). Compare with raw/telemetry_floor/0/0/0.
#include "raw_team.h"
#include "workloads.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <pthread.h>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace {

struct Counter {
    pthread_mutex_t mutex;
    std::int64_t value;
};

std::uint64_t stamp(int clock)
{
#if defined(__x86_64__)
    if (clock == 1)
        return __rdtsc();
#endif
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(ts.tv_nsec);
}

// range: events, record bytes, clock.
void telemetryFloor(benchmark::State& state)
{
    const auto events = static_cast<int>(state.range(0));
    const auto bytes = static_cast<std::size_t>(state.range(1));
    const auto clock = static_cast<int>(state.range(2));
    constexpr int PROCESSES = 2;
    constexpr std::int64_t each = bench::TELEMETRY_INCREMENTS / PROCESSES;
    void* shared = ::mmap(nullptr, sizeof(Counter), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED)
        std::abort();
    auto* c = static_cast<Counter*>(shared);
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&c->mutex, &attr);
    c->value = 0;
    int stream[2];
    if (::pipe(stream) != 0)
        std::abort();
    rawteam::Team team;
    for (int p = 0; p < PROCESSES; ++p)
        team.add(
            [c, events, bytes, clock, stream] {
                ::close(stream[0]);
                char buffer[4096 + 256];
                std::size_t used = 0;
                std::uint64_t time = 0;
                for (std::int64_t i = 0; i < each; ++i) {
                    pthread_mutex_lock(&c->mutex);
                    c->value += 1;
                    for (int e = 0; e < events; ++e) {
                        if (clock != 0)
                            time = stamp(clock);
                        std::memset(buffer + used, static_cast<int>(time + static_cast<std::uint64_t>(i)), bytes);
                        used += bytes;
                        if (used > 4096) {
                            if (::write(stream[1], buffer, used) != static_cast<ssize_t>(used))
                                std::abort();
                            used = 0;
                        }
                    }
                    pthread_mutex_unlock(&c->mutex);
                }
                if (used > 0 && ::write(stream[1], buffer, used) != static_cast<ssize_t>(used))
                    std::abort();
                ::close(stream[1]);
            },
            true);
    team.start();
    ::close(stream[1]);
    std::uint64_t received = 0;
    std::uint64_t sum = 0;
    std::thread reader([&] {
        static char in[1 << 16];
        for (ssize_t n; (n = ::read(stream[0], in, sizeof in)) > 0;) {
            received += static_cast<std::uint64_t>(n);
            for (ssize_t k = 0; k < n; ++k)
                sum += static_cast<unsigned char>(in[k]);
        }
    });
    for (auto _ : state)
        state.SetIterationTime(team.time());
    const bool ok = team.join();
    reader.join();
    ::close(stream[0]);
    if (!ok || c->value != each * PROCESSES
        || received != static_cast<std::uint64_t>(each * PROCESSES * events) * bytes)
        state.SkipWithError("the workload failed");
    benchmark::DoNotOptimize(sum);
    state.SetItemsProcessed(each * PROCESSES);
    ::munmap(shared, sizeof(Counter));
}

BENCHMARK(telemetryFloor)
    ->Name("raw/telemetry_floor")
    ->Args({ 0, 0, 0 })
    ->Args({ 5, 0, 1 })
    ->Args({ 5, 0, 2 })
    ->Args({ 5, 14, 0 })
    ->Args({ 5, 14, 1 })
    ->Args({ 5, 54, 1 })
    ->Args({ 5, 54, 2 })
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

} // namespace
