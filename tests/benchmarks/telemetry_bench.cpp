// SPDX-License-Identifier: MIT
// What observing a run costs: the 2-process lock-contention workload (`with v.get_lock(): v.value += 1`) run
// as the main actor of a real telemetry session, at detail `full` and `counters`, against the same workload in
// an unobserved mp::Process. This process plays the host: it drains the telemetry pipe and decodes every
// frame, as the host's supervisor does, so back-pressure from a slow reader is part of the figure.
#include "team.h"
#include "workloads.h"

#include <mp/process.h>
#include <mp/sharedctypes.h>
#include <mp/telemetry/session.h>
#include <mp/telemetry/wire.h>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using mp::telemetry::Detail;

// The body's report, in memory shared with this process.
struct Result {
    double seconds = 0;
    int ok = 0;
};

void contention(Result* result)
{
    constexpr int PROCESSES = 2;
    constexpr std::int64_t each = bench::TELEMETRY_INCREMENTS / PROCESSES;
    mp::Value v('i', 0);
    bench::Team team;
    for (int p = 0; p < PROCESSES; ++p)
        team.add(
            [v]() mutable {
                for (std::int64_t i = 0; i < each; ++i) {
                    mp::Guard g(v.get_lock());
                    v.value += 1;
                }
            },
            true);
    team.start();
    result->seconds = team.time();
    result->ok = team.join() && v.value.get().as_int() == each * PROCESSES;
}

Result* sharedResult()
{
    void* p = ::mmap(nullptr, sizeof(Result), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        std::abort();
    return new (p) Result {};
}

void off(benchmark::State& state)
{
    Result* result = sharedResult();
    for (auto _ : state) {
        mp::Process main([result] { contention(result); });
        main.start();
        main.join();
        state.SetIterationTime(result->seconds);
    }
    if (!result->ok)
        state.SkipWithError("the workload failed");
    state.SetItemsProcessed(bench::TELEMETRY_INCREMENTS);
    ::munmap(result, sizeof(Result));
}

template <Detail DETAIL> void observed(benchmark::State& state)
{
    Result* result = sharedResult();
    std::uint64_t events = 0;
    std::uint64_t bytes = 0;
    for (auto _ : state) {
        mp::telemetry::Session session(DETAIL);
        const pid_t pid = ::fork();
        if (pid == 0)
            session.runMainActor([result] { contention(result); });
        session.closeWriteEnd();
        mp::telemetry::Decoder decoder;
        decoder.feed(mp::telemetry::streamHeader());
        static char buf[1 << 16];
        for (;;) {
            const ssize_t n = ::read(session.readFd(), buf, sizeof buf);
            if (n <= 0)
                break;
            bytes += static_cast<std::uint64_t>(n);
            decoder.feed(std::string_view(buf, static_cast<std::size_t>(n)));
            while (decoder.next())
                ++events;
        }
        decoder.finish();
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            result->ok = 0;
        state.SetIterationTime(result->seconds);
    }
    if (!result->ok)
        state.SkipWithError("the workload failed");
    state.SetItemsProcessed(bench::TELEMETRY_INCREMENTS);
    state.counters["events"] = static_cast<double>(events);
    state.counters["telemetry_bytes"] = static_cast<double>(bytes);
    ::munmap(result, sizeof(Result));
}

BENCHMARK(off)->Name("telemetry/contention/off")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(observed<Detail::Counters>)
    ->Name("telemetry/contention/counters")
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(observed<Detail::Full>)
    ->Name("telemetry/contention/full")
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
