// SPDX-License-Identifier: MIT
#pragma once
// A team of forked mp::Processes for the multi-process benchmarks. Every member says it is ready and waits for
// a start signal, so forking is never timed; the clock runs from the start signal until every member that
// reports completion has done so (a consumer after its last get, a producer after join()), so the figures
// count delivery, not enqueueing. python/bench_common.py does the same with CPython's multiprocessing and
// raw_team.h with bare system calls.

#include <mp/condition.h>
#include <mp/process.h>
#include <mp/synchronize.h>

#include <benchmark/benchmark.h>

#include <chrono>
#include <functional>
#include <vector>

namespace bench {

class Team {
public:
    // `reportsDone`: the clock stops only once this member's body has returned.
    void add(std::function<void()> body, bool reportsDone)
    {
        if (reportsDone)
            ++m_reporting;
        m_processes.emplace_back(
            [body = std::move(body), ready = m_ready, go = m_go, done = m_done, reportsDone]() mutable {
                ready.release();
                go.wait();
                body();
                if (reportsDone)
                    done.release();
            });
    }

    // Starts the members and returns once every one of them is ready.
    void start()
    {
        for (mp::Process& p : m_processes)
            p.start();
        for (std::size_t i = 0; i < m_processes.size(); ++i)
            m_ready.acquire();
    }
    // Gives the start signal; returns the seconds until every reporting member was done.
    double time()
    {
        const auto t0 = std::chrono::steady_clock::now();
        m_go.set();
        for (int i = 0; i < m_reporting; ++i)
            m_done.acquire();
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    // True if every member exited with status 0.
    bool join()
    {
        bool ok = true;
        for (mp::Process& p : m_processes) {
            p.join();
            ok = ok && p.exitcode() == 0;
        }
        return ok;
    }
    // All three, as the benchmark's one (manually timed) iteration.
    void run(benchmark::State& state)
    {
        start();
        for (auto _ : state)
            state.SetIterationTime(time());
        if (!join())
            state.SkipWithError("a team member failed");
    }

private:
    mp::Semaphore m_ready { 0 };
    mp::Event m_go;
    mp::Semaphore m_done { 0 };
    int m_reporting = 0;
    std::vector<mp::Process> m_processes;
};

} // namespace bench
