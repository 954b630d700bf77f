// SPDX-License-Identifier: MIT
// Many scene runs in a row through mpstage-host serve, as the app drives them: each stopped after a random
// moment, and about one in ten with an actor killed first or the host itself killed. After every run no
// process of it may be left (none running, none in its process group) and /dev/shm must hold what it held
// before; over the whole soak this test process's resident memory must not grow.
//
// CI runs a short soak (100 runs, a few seconds). The full soak:  ./dev soak  (MPSTAGE_SOAK_RUNS=1000;
// MPSTAGE_SOAK_SEED picks another random sequence).
#include <mp/telemetry/wire.h>
#include <mpstage/catalogue.h>

#include "host_process.h"
#include "leftovers.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <malloc.h>
#include <random>
#include <set>
#include <thread>
#include <unistd.h>

namespace {

using mptest::HostProcess;

long envOr(const char* name, long fallback)
{
    const char* v = std::getenv(name);
    return v && *v ? std::strtol(v, nullptr, 10) : fallback;
}

long residentKiB()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    statm >> pages >> resident;
    return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

// Processes (not zombies) whose process group is `group`.
std::vector<int> inGroup(int group)
{
    std::vector<int> out;
    for (const auto& [pid, ppid] : mptest::processParents()) {
        std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
        std::string line;
        if (!std::getline(stat, line))
            continue;
        const auto close = line.rfind(')');
        char state = 0;
        int parent = 0;
        int pgrp = 0;
        if (close != std::string::npos && std::sscanf(line.c_str() + close + 2, "%c %d %d", &state, &parent, &pgrp) == 3
            && pgrp == group && state != 'Z' && state != 'X')
            out.push_back(pid);
    }
    return out;
}

// Names of the SharedMemory blocks a (possibly cut short) serve stream reports creating.
std::vector<std::string> sharedMemoryCreated(const std::string& stream)
{
    using namespace mp::telemetry;
    std::vector<std::string> out;
    Decoder decoder;
    decoder.feed(stream);
    try {
        while (auto e = decoder.next())
            if (e->type == EventType::ObjectCreated && e->a == static_cast<std::int64_t>(ObjectKind::SharedMemory))
                out.push_back(e->text);
    } catch (const DecodeError&) {
    }
    return out;
}

bool settles(const std::function<bool()>& done, double timeoutS)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutS);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

class SoakTest : public mptest::NoLeftovers { };

TEST_F(SoakTest, RunAfterRunNothingIsLeftBehindAndMemoryStaysFlat)
{
    // Each HostProcess reads its host's output on a thread of its own, and glibc gives new threads new malloc
    // arenas (up to 8 per core), whose first use grows RSS for a while: one arena keeps the figure honest.
    // And a fixed mmap threshold: large buffers (a long run's output) are then mapped and unmapped, instead of
    // raising the threshold and leaving the freed space in the heap, counted in RSS.
    ::mallopt(M_ARENA_MAX, 1);
    ::mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    const long runs = envOr("MPSTAGE_SOAK_RUNS", 100);
    std::mt19937 random(static_cast<std::uint32_t>(envOr("MPSTAGE_SOAK_SEED", 20261123)));
    const auto& scenes = mpstage::catalogue();
    long killedActors = 0;
    long killedHosts = 0;
    long leftovers = 0;
    long stoppedLive = 0; // runs still going when stopped or killed (the others had ended by themselves)
    long rssWarm = 0;
    const auto start = std::chrono::steady_clock::now();

    for (long i = 0; i < runs; ++i) {
        const mpstage::Scene& scene = scenes[static_cast<std::size_t>(i) % scenes.size()];
        const int fault = std::uniform_int_distribution<int>(0, 19)(random); // 0: kill an actor, 1: kill the host
        const auto pause = std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 300)(random));
        std::set<int> seen;
        int group = 0;
        std::vector<std::string> blocks; // the shared memory blocks the run reported creating
        {
            HostProcess host({ "serve", scene.id, "--timeout", "30" });
            const auto until = std::chrono::steady_clock::now() + pause;
            // A kill waits for the moment the run has a second process (most scenes take well under a second).
            const auto ready
                = [&] { return fault <= 1 ? seen.size() >= 2 : std::chrono::steady_clock::now() >= until; };
            while (!ready() && std::chrono::steady_clock::now() < until + std::chrono::seconds(2)
                && mptest::running(host.pid())) {
                for (const int pid : mptest::descendants(host.pid())) {
                    seen.insert(pid);
                    // Every actor is in the run's process group, led by the main actor (which, for an instant after
                    // its fork, is still in ours).
                    if (const int g = ::getpgid(pid); group <= 0 && g > 0 && g != ::getpgrp())
                        group = g;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            const bool live = mptest::running(host.pid());
            stoppedLive += live ? 1 : 0;
            if (fault == 1 && live) {
                ++killedHosts;
                ::kill(host.pid(), SIGKILL);
                const int code = host.wait(10.0);
                EXPECT_TRUE(code == -SIGKILL || code == 0) << code; // 0: it had just finished by itself
            } else {
                if (fault == 0 && live) {
                    ++killedActors;
                    host.send("{\"cmd\":\"kill\",\"actor\":\"Process-1\"}\n");
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                }
                host.send("{\"cmd\":\"stop\"}\n");
                EXPECT_EQ(host.wait(20.0), 0) << scene.id << " run " << i << ": " << host.errors();
            }
            blocks = sharedMemoryCreated(host.output());
        }
        const bool clean = settles(
            [&] {
                for (const int pid : seen)
                    if (mptest::running(pid))
                        return false;
                return group <= 0 || inGroup(group).empty();
            },
            5.0);
        if (!clean) {
            ++leftovers;
            std::string which;
            for (const int pid : seen)
                if (mptest::running(pid))
                    which += " " + std::to_string(pid) + " ("
                        + mptest::readFile("/proc/" + std::to_string(pid) + "/comm") + ")";
            for (const int pid : inGroup(group))
                which += "\n  in its group: " + mptest::readFile("/proc/" + std::to_string(pid) + "/stat");
            ADD_FAILURE() << scene.id << " run " << i << " (fault " << fault << ") left processes behind:" << which;
            if (group > 0)
                for (const int pid : inGroup(group))
                    ::kill(pid, SIGKILL);
        }
        // By name: /dev/shm is shared with whatever else runs on the machine. NoLeftovers checks it as a whole.
        const auto shm = mptest::shmEntries();
        for (const std::string& name : blocks)
            EXPECT_FALSE(shm.count(name))
                << scene.id << " run " << i << " (fault " << fault << ") left /dev/shm/" << name;
        EXPECT_TRUE(mptest::childPids().empty()) << scene.id << " run " << i;
        if (i == std::min(runs - 1, std::max(9L, runs / 4)))
            rssWarm = residentKiB(); // after the first runs have set up what stays (the catalogue, gtest, libc)
    }
    const long rssEnd = residentKiB();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf(
        "soak: %ld runs in %.1f s (%ld stopped or killed while live: %ld with an actor killed, %ld with the host "
        "killed), %ld left processes behind; "
        "test process RSS %ld KiB after a quarter of the runs, %ld KiB at the end\n",
        runs, seconds, stoppedLive, killedActors, killedHosts, leftovers, rssWarm, rssEnd);
    EXPECT_EQ(leftovers, 0);
    EXPECT_LT(rssEnd - rssWarm, 2048) << "the test process grew by " << rssEnd - rssWarm << " KiB";
}

} // namespace
