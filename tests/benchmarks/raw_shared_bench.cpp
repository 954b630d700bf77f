// SPDX-License-Identifier: MIT
// The reference for shared_bench.cpp: an int in MAP_SHARED memory behind a process-shared pthread mutex, and
// memcpy in and out of a MAP_SHARED block handed back and forth with one-byte pipe writes.
#include "raw_team.h"
#include "workloads.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <pthread.h>
#include <sys/mman.h>
#include <vector>

namespace {

void* sharedMemory(std::size_t size)
{
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        std::abort();
    return p;
}

struct Counter {
    pthread_mutex_t mutex;
    int value;
};

// range(0): processes.
void mutexIncrement(benchmark::State& state)
{
    const auto n = static_cast<int>(state.range(0));
    const std::int64_t each = bench::VALUE_INCREMENTS / n;
    auto* c = static_cast<Counter*>(sharedMemory(sizeof(Counter)));
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&c->mutex, &attr);
    c->value = 0;
    rawteam::Team team;
    for (int p = 0; p < n; ++p)
        team.add(
            [c, each] {
                for (std::int64_t i = 0; i < each; ++i) {
                    pthread_mutex_lock(&c->mutex);
                    c->value += 1;
                    pthread_mutex_unlock(&c->mutex);
                }
            },
            true);
    team.run(state);
    if (c->value != each * n)
        state.SkipWithError("increments were lost");
    state.SetItemsProcessed(each * n);
    ::munmap(c, sizeof(Counter));
}

void shmMemcpy(benchmark::State& state)
{
    auto* block = static_cast<char*>(sharedMemory(bench::SHM_BLOCK));
    int empty[2];
    int full[2];
    if (::pipe(empty) != 0 || ::pipe(full) != 0)
        std::abort();
    rawteam::writeByte(empty[1]);
    rawteam::Team team;
    team.add(
        [block, emptyFd = empty[0], fullFd = full[1]] {
            const std::vector<char> src(bench::SHM_BLOCK, 'x');
            for (std::int64_t r = 0; r < bench::SHM_ROUNDS; ++r) {
                rawteam::readByte(emptyFd);
                std::memcpy(block, src.data(), src.size());
                rawteam::writeByte(fullFd);
            }
        },
        false);
    team.add(
        [block, emptyFd = empty[1], fullFd = full[0]] {
            std::vector<char> dst(bench::SHM_BLOCK);
            for (std::int64_t r = 0; r < bench::SHM_ROUNDS; ++r) {
                rawteam::readByte(fullFd);
                std::memcpy(dst.data(), block, dst.size());
                rawteam::writeByte(emptyFd);
            }
            if (dst.back() != 'x')
                std::abort();
        },
        true);
    team.run(state);
    for (int fd : { empty[0], empty[1], full[0], full[1] })
        ::close(fd);
    ::munmap(block, bench::SHM_BLOCK);
    state.SetBytesProcessed(bench::SHM_ROUNDS * static_cast<std::int64_t>(bench::SHM_BLOCK));
}

BENCHMARK(mutexIncrement)
    ->Name("raw/value_increment")
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(shmMemcpy)->Name("raw/shm_memcpy_1m")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

} // namespace
