// SPDX-License-Identifier: MIT
// The host SIGKILLed while a run is live, with every generation of the run's process tree present: no
// process of the run survives it, however deep (the main actor dies with its host through
// PR_SET_PDEATHSIG; every other actor's flusher sees the telemetry pipe break and exits).
#include "host_process.h"
#include "leftovers.h"

#include <chrono>
#include <csignal>
#include <functional>
#include <thread>
#include <unistd.h>

namespace {

using mptest::HostProcess;

class KilledHostTest : public mptest::NoLeftovers { };

bool settlesWithin(const std::function<bool()>& done, double timeoutS)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutS);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

// Waits until none of `pids` is running (a zombie adopted by init counts as gone); false after timeoutS.
bool allGone(const std::vector<int>& pids, double timeoutS)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutS);
    for (;;) {
        bool any = false;
        for (const int pid : pids)
            any = any || mptest::running(pid);
        if (!any)
            return true;
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

// The run's processes: the host's descendants in the run's own process group (not the host's janitor).
std::vector<int> runProcesses(const HostProcess& host)
{
    std::vector<int> out;
    for (const int pid : mptest::descendants(host.pid()))
        if (const pid_t group = ::getpgid(pid); group > 0 && group != ::getpgid(host.pid()))
            out.push_back(pid);
    return out;
}

// Waits until the run has at least `count` processes, up to timeoutS.
std::vector<int> waitForTree(const HostProcess& host, std::size_t count, double timeoutS)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutS);
    std::vector<int> tree;
    while ((tree = runProcesses(host)).size() < count && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return tree;
}

TEST_F(KilledHostTest, NoGenerationOfTheRunOutlivesItsKilledHost)
{
    HostProcess sut({ "serve", "deep-tree" });
    // MainProcess, Process-1, Process-1:1 and Process-1:1:1, each blocked in join() or wait().
    const std::vector<int> tree = waitForTree(sut, 4, 20.0);
    ASSERT_EQ(tree.size(), 4U) << "the run did not grow its four generations";

    ::kill(sut.pid(), SIGKILL);
    sut.wait(10.0);

    EXPECT_TRUE(allGone(tree, 5.0)) << "a process of the run outlived its killed host";
}

TEST_F(KilledHostTest, StoppingTheRunEndsEveryGenerationAndTheHostExitsCleanly)
{
    HostProcess sut({ "serve", "deep-tree" });
    const std::vector<int> tree = waitForTree(sut, 4, 20.0);
    ASSERT_EQ(tree.size(), 4U);

    sut.send("{\"cmd\":\"stop\"}\n");

    EXPECT_EQ(sut.wait(10.0), 0) << sut.errors();
    EXPECT_TRUE(allGone(tree, 1.0));
}

TEST_F(KilledHostTest, ASharedMemoryBlockOfTheRunDoesNotOutliveItsKilledHost)
{
    // Nobody in the run runs a finalizer when the host is SIGKILLed: the host's janitor removes the block.
    const auto before = mptest::shmEntries();
    HostProcess sut({ "serve", "block-creator" });
    ASSERT_TRUE(settlesWithin([&] { return mptest::shmEntries().size() > before.size(); }, 20.0))
        << "the run never created its block";
    std::this_thread::sleep_for(std::chrono::milliseconds(50)); // for the host to learn its name

    ::kill(sut.pid(), SIGKILL);
    sut.wait(10.0);

    EXPECT_TRUE(settlesWithin([&] { return mptest::shmEntries() == before; }, 5.0)) << "the block outlived the run";
}

TEST_F(KilledHostTest, ARunKilledTheMomentItCreatesABlockLeavesNoBlock)
{
    // The creator killed the instant its block appears, before it could report the block in its telemetry:
    // it had told the janitor itself, just before creating it. Once with the host then stopping the run,
    // once with the host killed too.
    for (int attempt = 0; attempt < 6; ++attempt) {
        const bool killHost = attempt % 2 == 1;
        const auto before = mptest::shmEntries();
        HostProcess sut({ "serve", "block-creator" });
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (mptest::shmEntries().size() <= before.size() && std::chrono::steady_clock::now() < deadline) { }
        for (const int pid : runProcesses(sut))
            ::kill(pid, SIGKILL);
        if (killHost)
            ::kill(sut.pid(), SIGKILL);
        else
            sut.send("{\"cmd\":\"stop\"}\n");
        sut.wait(10.0);

        EXPECT_TRUE(settlesWithin([&] { return mptest::shmEntries() == before; }, 5.0))
            << "the block outlived the run (attempt " << attempt + 1 << (killHost ? ", host killed)" : ", stopped)");
    }
}

} // namespace
