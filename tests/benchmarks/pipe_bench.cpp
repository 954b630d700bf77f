// SPDX-License-Identifier: MIT
// mp::Pipe between this process and a forked mp::Process: message rate, round-trip latency, byte throughput.
// The peer is forked and has said "ready" before timing starts, and the timed loop ends only once the peer
// has acknowledged the last message, so every figure covers delivery, not just queuing in the socket.
// raw_pipe_bench.cpp does the same work with bare system calls, python/pipe_bench.py with CPython.
#include "pipe_workload.h"

#include <mp/connection.h>
#include <mp/process.h>

#include <benchmark/benchmark.h>

#include <functional>
#include <string>
#include <utility>

namespace {

struct Peer {
    mp::Connection conn;
    mp::Process process;
};

// Forks a process that runs `body` on its end of a duplex Pipe, and returns once it is running.
Peer startPeer(std::function<void(mp::Connection&)> body)
{
    auto [here, there] = mp::Pipe();
    mp::Process process([there, body]() mutable {
        there.send(mp::None); // ready
        body(there);
    });
    process.start();
    there.close(); // only this process's copy; the peer keeps its own
    here.recv();
    return { here, process };
}

void finish(benchmark::State& state, Peer& peer)
{
    peer.process.join();
    if (peer.process.exitcode() != 0)
        state.SkipWithError("the peer process failed");
}

void sendRecvInt(benchmark::State& state)
{
    const auto count = static_cast<std::int64_t>(state.max_iterations);
    Peer peer = startPeer([count](mp::Connection& conn) {
        for (std::int64_t i = 0; i < count; ++i)
            conn.recv();
        conn.send(mp::None);
    });
    std::int64_t i = 0;
    for (auto _ : state) {
        peer.conn.send(i);
        if (++i == count)
            peer.conn.recv(); // the peer's acknowledgement of the last item
    }
    finish(state, peer);
    state.SetItemsProcessed(state.iterations());
}

void roundTripInt(benchmark::State& state)
{
    const auto count = static_cast<std::int64_t>(state.max_iterations);
    Peer peer = startPeer([count](mp::Connection& conn) {
        for (std::int64_t i = 0; i < count; ++i)
            conn.send(conn.recv());
    });
    std::int64_t i = 0;
    for (auto _ : state) {
        peer.conn.send(i++);
        benchmark::DoNotOptimize(peer.conn.recv());
    }
    finish(state, peer);
}

void sendBytes(benchmark::State& state)
{
    const auto count = static_cast<std::int64_t>(state.max_iterations);
    const std::string payload(static_cast<std::size_t>(state.range(0)), 'x');
    Peer peer = startPeer([count](mp::Connection& conn) {
        for (std::int64_t i = 0; i < count; ++i)
            conn.recv_bytes();
        conn.send(mp::None);
    });
    std::int64_t i = 0;
    for (auto _ : state) {
        peer.conn.send_bytes(payload);
        if (++i == count)
            peer.conn.recv();
    }
    finish(state, peer);
    state.SetBytesProcessed(state.iterations() * state.range(0));
}

using bench::BYTES_1M;
using bench::BYTES_4K;
using bench::BYTES_64;

BENCHMARK(sendRecvInt)->Name("pipe/send_recv_int")->Iterations(bench::INT_MESSAGES)->UseRealTime();
BENCHMARK(roundTripInt)
    ->Name("pipe/round_trip_int")
    ->Iterations(bench::ROUND_TRIPS)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(sendBytes)->Name("pipe/send_bytes")->Arg(BYTES_64.size)->Iterations(BYTES_64.messages)->UseRealTime();
BENCHMARK(sendBytes)->Name("pipe/send_bytes")->Arg(BYTES_4K.size)->Iterations(BYTES_4K.messages)->UseRealTime();
BENCHMARK(sendBytes)->Name("pipe/send_bytes")->Arg(BYTES_1M.size)->Iterations(BYTES_1M.messages)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
