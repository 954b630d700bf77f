// SPDX-License-Identifier: MIT
// The reference for queue_bench.cpp: the same items over a bare pipe, one write() and one read() per message.
// Messages are frames of a fixed size (CPython's 4-byte length header, then the payload), so a reader asks for
// exactly one frame; writes of at most PIPE_BUF bytes are atomic, so with several writers and several readers
// on one pipe every read still returns one whole frame. There is no locking, no encoding and no buffering: the
// most a pipe can carry one message at a time. SimpleQueue and JoinableQueue compare against the 1 -> 1 figure.
#include "raw_frames.h"
#include "raw_team.h"
#include "workloads.h"

#include <benchmark/benchmark.h>

#include <climits>
#include <cstring>
#include <vector>

namespace {

static_assert(4 + bench::QUEUE_BYTES_SIZE <= PIPE_BUF);

// range(0): writers = readers; range(1): payload bytes per message.
void pipeFrames(benchmark::State& state)
{
    const auto n = static_cast<int>(state.range(0));
    const auto size = static_cast<std::size_t>(state.range(1));
    const std::int64_t total = size == 8 ? bench::QUEUE_INTS : bench::QUEUE_BYTES;
    const std::int64_t each = total / n;
    int fds[2];
    if (::pipe(fds) != 0)
        std::abort();
    rawteam::Team team;
    for (int p = 0; p < n; ++p)
        team.add(
            [fd = fds[1], each, size, p] {
                std::vector<char> frame(4 + size, 'x');
                for (std::int64_t i = 0; i < each; ++i) {
                    const std::int64_t item = p * each + i;
                    std::memcpy(frame.data() + 4, &item, sizeof item);
                    rawpipe::sendFrame(fd, frame.data(), size);
                }
            },
            false);
    for (int c = 0; c < n; ++c)
        team.add(
            [fd = fds[0], each, size] {
                std::vector<char> frame(4 + size);
                for (std::int64_t i = 0; i < each; ++i)
                    if (::read(fd, frame.data(), frame.size()) != static_cast<ssize_t>(frame.size()))
                        std::abort();
            },
            true);
    team.run(state);
    ::close(fds[0]);
    ::close(fds[1]);
    state.SetItemsProcessed(total);
    if (size != 8)
        state.SetBytesProcessed(total * static_cast<std::int64_t>(size));
}

BENCHMARK(pipeFrames)
    ->Name("raw/queue_int")
    ->Args({ 1, 8 })
    ->Args({ 4, 8 })
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(pipeFrames)
    ->Name("raw/queue_bytes_1k")
    ->Args({ 1, bench::QUEUE_BYTES_SIZE })
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

} // namespace
