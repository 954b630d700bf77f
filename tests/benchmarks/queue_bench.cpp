// SPDX-License-Identifier: MIT
// Queue, SimpleQueue and JoinableQueue between forked processes: items delivered per second, from the start
// signal until the last consumer has got its last item (or, for JoinableQueue, until the producer's join()
// has returned). raw_queue_bench.cpp does the same over a bare pipe, python/queue_bench.py with CPython.
#include "team.h"
#include "workloads.h"

#include <mp/queues.h>

#include <benchmark/benchmark.h>

#include <string>

namespace {

template <typename Q> void producers(bench::Team& team, Q q, int count, std::int64_t each, const mp::Object* payload)
{
    for (int p = 0; p < count; ++p)
        team.add(
            [q, each, payload, p]() mutable {
                for (std::int64_t i = 0; i < each; ++i) {
                    if (payload)
                        q.put(*payload);
                    else
                        q.put(p * each + i);
                }
            },
            false);
}

template <typename Q> void consumers(bench::Team& team, Q q, int count, std::int64_t each)
{
    for (int c = 0; c < count; ++c)
        team.add(
            [q, each]() mutable {
                for (std::int64_t i = 0; i < each; ++i)
                    benchmark::DoNotOptimize(q.get());
            },
            true);
}

// range(0): producers = consumers.
void queueInts(benchmark::State& state)
{
    const auto n = static_cast<int>(state.range(0));
    mp::Queue q;
    bench::Team team;
    producers(team, q, n, bench::QUEUE_INTS / n, nullptr);
    consumers(team, q, n, bench::QUEUE_INTS / n);
    team.run(state);
    state.SetItemsProcessed(bench::QUEUE_INTS);
}

void queueBytes(benchmark::State& state)
{
    const mp::Object payload(mp::Bytes(std::string(bench::QUEUE_BYTES_SIZE, 'x')));
    mp::Queue q;
    bench::Team team;
    producers(team, q, 1, bench::QUEUE_BYTES, &payload);
    consumers(team, q, 1, bench::QUEUE_BYTES);
    team.run(state);
    state.SetItemsProcessed(bench::QUEUE_BYTES);
    state.SetBytesProcessed(bench::QUEUE_BYTES * static_cast<std::int64_t>(bench::QUEUE_BYTES_SIZE));
}

void simpleQueueInts(benchmark::State& state)
{
    mp::SimpleQueue q;
    bench::Team team;
    producers(team, q, 1, bench::SIMPLE_QUEUE_INTS, nullptr);
    consumers(team, q, 1, bench::SIMPLE_QUEUE_INTS);
    team.run(state);
    state.SetItemsProcessed(bench::SIMPLE_QUEUE_INTS);
}

// put() every item, then join(): the clock stops when the consumer has called task_done() for the last one.
void joinablePutTaskDone(benchmark::State& state)
{
    mp::JoinableQueue q;
    bench::Team team;
    team.add(
        [q]() mutable {
            for (std::int64_t i = 0; i < bench::JOINABLE_ITEMS; ++i)
                q.put(i);
            q.join();
        },
        true);
    team.add(
        [q]() mutable {
            for (std::int64_t i = 0; i < bench::JOINABLE_ITEMS; ++i) {
                benchmark::DoNotOptimize(q.get());
                q.task_done();
            }
        },
        false);
    team.run(state);
    state.SetItemsProcessed(bench::JOINABLE_ITEMS);
}

BENCHMARK(queueInts)->Name("queue/int")->Arg(1)->Arg(4)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(queueBytes)->Name("queue/bytes_1k")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(simpleQueueInts)->Name("simple_queue/int")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(joinablePutTaskDone)
    ->Name("joinable_queue/put_task_done")
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
