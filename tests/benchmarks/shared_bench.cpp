// SPDX-License-Identifier: MIT
// Shared state between forked processes: `with v.get_lock(): v.value += 1` from 1, 2 and 4 processes
// (increments per second, the final value checked), and copying through a SharedMemory block from one process
// to another (bytes per second). raw_shared_bench.cpp does the same with a process-shared pthread mutex and
// bare memcpy, python/shared_bench.py with CPython.
#include "team.h"
#include "workloads.h"

#include <mp/shared_memory.h>
#include <mp/sharedctypes.h>

#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

namespace {

// range(0): processes.
void valueIncrement(benchmark::State& state)
{
    const auto n = static_cast<int>(state.range(0));
    const std::int64_t each = bench::VALUE_INCREMENTS / n;
    mp::Value v('i', 0);
    bench::Team team;
    for (int p = 0; p < n; ++p)
        team.add(
            [v, each]() mutable {
                for (std::int64_t i = 0; i < each; ++i) {
                    mp::Guard g(v.get_lock());
                    v.value += 1;
                }
            },
            true);
    team.run(state);
    if (v.value.get().as_int() != each * n)
        state.SkipWithError("increments were lost");
    state.SetItemsProcessed(each * n);
}

// The writer copies a block in, the reader copies it out; two semaphores hand the block back and forth.
void shmMemcpy(benchmark::State& state)
{
    mp::SharedMemory shm(mp::None, true, static_cast<std::int64_t>(bench::SHM_BLOCK));
    mp::Semaphore empty(1);
    mp::Semaphore full(0);
    bench::Team team;
    team.add(
        [shm, empty, full]() mutable {
            const std::vector<std::byte> src(bench::SHM_BLOCK, std::byte { 'x' });
            for (std::int64_t r = 0; r < bench::SHM_ROUNDS; ++r) {
                empty.acquire();
                std::memcpy(shm.buf().data(), src.data(), src.size());
                full.release();
            }
        },
        false);
    team.add(
        [shm, empty, full]() mutable {
            std::vector<std::byte> dst(bench::SHM_BLOCK);
            for (std::int64_t r = 0; r < bench::SHM_ROUNDS; ++r) {
                full.acquire();
                std::memcpy(dst.data(), shm.buf().data(), dst.size());
                empty.release();
            }
            if (dst[bench::SHM_BLOCK - 1] != std::byte { 'x' })
                std::abort();
        },
        true);
    team.run(state);
    shm.close();
    shm.unlink();
    state.SetBytesProcessed(bench::SHM_ROUNDS * static_cast<std::int64_t>(bench::SHM_BLOCK));
}

BENCHMARK(valueIncrement)
    ->Name("value/increment")
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(shmMemcpy)->Name("shm/memcpy_1m")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
