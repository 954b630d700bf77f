// SPDX-License-Identifier: MIT
// The reference for pipe_bench.cpp: the same work with nothing but system calls, "what the kernel allows".
// A socketpair (what Pipe() uses), fork(), and CPython's framing done by hand: one write() of a 4-byte
// big-endian length plus payload per message, one read() for the header and one for the payload (looping only
// on short reads), into buffers allocated once. Ints travel as 8 raw bytes; acknowledgements are empty frames.
#include "pipe_workload.h"
#include "raw_frames.h"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace {

using namespace rawpipe;

void sendRecvInt(benchmark::State& state)
{
    const auto count = static_cast<std::int64_t>(state.max_iterations);
    const RawPeer peer = startPeer([count](int fd) {
        char buf[8];
        for (std::int64_t i = 0; i < count; ++i)
            recvFrame(fd, buf);
        sendEmpty(fd);
    });
    char frame[4 + 8];
    std::int64_t i = 0;
    for (auto _ : state) {
        std::memcpy(frame + 4, &i, 8);
        sendFrame(peer.fd, frame, 8);
        if (++i == count)
            recvFrame(peer.fd, frame); // the peer's acknowledgement of the last item
    }
    finish(state, peer);
    state.SetItemsProcessed(state.iterations());
}

void roundTripInt(benchmark::State& state)
{
    const auto count = static_cast<std::int64_t>(state.max_iterations);
    const RawPeer peer = startPeer([count](int fd) {
        char frame[4 + 8];
        for (std::int64_t i = 0; i < count; ++i)
            sendFrame(fd, frame, recvFrame(fd, frame + 4));
    });
    char frame[4 + 8];
    std::int64_t i = 0;
    for (auto _ : state) {
        ++i;
        std::memcpy(frame + 4, &i, 8);
        sendFrame(peer.fd, frame, 8);
        recvFrame(peer.fd, frame + 4);
    }
    finish(state, peer);
}

void sendBytes(benchmark::State& state)
{
    const auto count = static_cast<std::int64_t>(state.max_iterations);
    const auto size = static_cast<std::size_t>(state.range(0));
    std::vector<char> frame(4 + size, 'x');
    const RawPeer peer = startPeer([count, size](int fd) {
        std::vector<char> buf(size);
        for (std::int64_t i = 0; i < count; ++i)
            recvFrame(fd, buf.data());
        sendEmpty(fd);
    });
    std::int64_t i = 0;
    for (auto _ : state) {
        sendFrame(peer.fd, frame.data(), size);
        if (++i == count)
            recvFrame(peer.fd, frame.data());
    }
    finish(state, peer);
    state.SetBytesProcessed(state.iterations() * state.range(0));
}

using bench::BYTES_1M;
using bench::BYTES_4K;
using bench::BYTES_64;

BENCHMARK(sendRecvInt)->Name("raw/send_recv_int")->Iterations(bench::INT_MESSAGES)->UseRealTime();
BENCHMARK(roundTripInt)
    ->Name("raw/round_trip_int")
    ->Iterations(bench::ROUND_TRIPS)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(sendBytes)->Name("raw/send_bytes")->Arg(BYTES_64.size)->Iterations(BYTES_64.messages)->UseRealTime();
BENCHMARK(sendBytes)->Name("raw/send_bytes")->Arg(BYTES_4K.size)->Iterations(BYTES_4K.messages)->UseRealTime();
BENCHMARK(sendBytes)->Name("raw/send_bytes")->Arg(BYTES_1M.size)->Iterations(BYTES_1M.messages)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
