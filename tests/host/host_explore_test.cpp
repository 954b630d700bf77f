// SPDX-License-Identifier: MIT
// mpstage-host explore with real processes: it finds the lost update of value-increment and saves a schedule
// that `run --schedule` replays into the same loss, says plainly when nothing within the bound goes wrong,
// refuses bad input, stops when told, and leaves no process behind however many runs it makes.
#include "host_process.h"
#include "leftovers.h"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

namespace {

using mptest::HostProcess;

class HostExploreTest : public mptest::NoLeftovers {
protected:
    void SetUp() override
    {
        NoLeftovers::SetUp();
        m_dir = std::filesystem::temp_directory_path()
            / ("mpstage-explore-" + std::to_string(::getpid()) + "-"
                + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override
    {
        std::filesystem::remove_all(m_dir);
        NoLeftovers::TearDown();
    }
    std::string dir() const { return m_dir.string(); }

    // Runs the explorer to its end, noting every process below it while it runs.
    HostProcess::Finished exploreWatched(const std::vector<std::string>& args, std::set<int>& seen)
    {
        HostProcess sut(args);
        while (mptest::running(sut.pid())) {
            for (const int pid : mptest::descendants(sut.pid()))
                seen.insert(pid);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        HostProcess::Finished out;
        out.exitCode = sut.wait(60.0);
        out.out = sut.output();
        out.err = sut.errors();
        return out;
    }

private:
    std::filesystem::path m_dir;
};

// "  bad  6 of 33 (18.2%)  final value 1 of 2 (1 updates lost)": the count and the total.
std::pair<int, int> countOf(const std::string& out, const std::string& words)
{
    const auto at = out.find(words);
    if (at == std::string::npos)
        return { -1, -1 };
    const auto line = out.rfind('\n', at) + 1;
    int count = -1;
    int total = -1;
    std::sscanf(out.c_str() + line, " %*s %d of %d", &count, &total);
    return { count, total };
}

// The Python scene files run in the host's embedded interpreter, which needs the package the dev build copies
// beside the module; the lean sanitizer builds leave it out.
bool pythonPackageBuilt()
{
    return std::filesystem::exists(std::filesystem::path(MPSTAGE_PYTHON_BUILD_DIR) / "mpstage" / "__init__.py");
}

TEST_F(HostExploreTest, FindsTheLostUpdateOfTwoIncrementsAndSavesAScheduleThatReplaysIt)
{
    std::set<int> processes;
    const auto sut = exploreWatched({ "explore", "value-increment", "--param", "processes=2", "--param", "increments=1",
                                        "--bound", "1", "--save", dir() },
        processes);

    ASSERT_EQ(sut.exitCode, 1) << sut.out << sut.err;
    EXPECT_NE(sut.out.find("every schedule within the bound (at most 1 preemption per run)"), std::string::npos)
        << sut.out;
    const auto [lost, total] = countOf(sut.out, "final value 1 of 2 (1 updates lost)");
    const auto [kept, total2] = countOf(sut.out, "final value 2 of 2, nothing lost this time");
    EXPECT_GT(lost, 0) << sut.out;
    EXPECT_GT(kept, 0) << sut.out;
    EXPECT_EQ(lost + kept, total) << sut.out;
    EXPECT_EQ(total, total2);
    EXPECT_NE(sut.out.find("Found a bad interleaving: " + std::to_string(lost) + " of " + std::to_string(total)),
        std::string::npos)
        << sut.out;
    EXPECT_GT(processes.size(), 3U * 2) << "more than two runs, each its own processes";
    for (const int pid : processes)
        EXPECT_FALSE(mptest::running(pid)) << "process " << pid << " outlived the exploration";

    // The saved schedule of the bad outcome loses the update again, with real processes.
    const std::string schedule = dir() + "/value-increment-1.schedule";
    ASSERT_TRUE(std::filesystem::exists(schedule)) << sut.out;
    for (int i = 0; i < 2; ++i) {
        const auto replay = HostProcess::run({ "run", "value-increment", "--param", "processes=2", "--param",
            "increments=1", "--schedule", schedule, "--quiet" });
        EXPECT_EQ(replay.exitCode, 0) << replay.out << replay.err;
        EXPECT_NE(replay.out.find("final value 1 of 2 (1 updates lost)"), std::string::npos) << replay.out;
    }
}

TEST_F(HostExploreTest, ExploresAPythonProgramFileToo)
{
    if (!pythonPackageBuilt())
        GTEST_SKIP() << "this build has no Python package (the sanitizer stages build the engine only)";
    const std::string program = MPSTAGE_SOURCE_DIR "/scenes/programs/value_increment.py";
    const auto sut = HostProcess::run({ "explore", program, "--param", "processes=2", "--param", "increments=1",
        "--bound", "1", "--first", "--save", dir() });

    ASSERT_EQ(sut.exitCode, 1) << sut.out << sut.err;
    EXPECT_NE(sut.out.find("1 update lost"), std::string::npos) << sut.out;
    const std::string schedule = dir() + "/value_increment-1.schedule"; // named after the file
    ASSERT_TRUE(std::filesystem::exists(schedule)) << sut.out;
    const auto replay = HostProcess::run(
        { "run", program, "--param", "processes=2", "--param", "increments=1", "--schedule", schedule, "--quiet" });
    EXPECT_EQ(replay.exitCode, 0) << replay.out << replay.err;
    EXPECT_NE(replay.out.find("1 update lost"), std::string::npos) << replay.out;
}

TEST_F(HostExploreTest, SaysSoWhenNoInterleavingWithinTheBoundGoesBad)
{
    struct Case {
        std::vector<std::string> args;
    };
    for (const Case& c : std::vector<Case> {
             { { "value-increment", "--param", "processes=2", "--param", "increments=1", "--param", "lock=true" } },
             { { "pipe-eof" } },
             // A queue's feeder thread waits at gates of its own beside the main thread's: no run may stall.
             { { "queue-sentinel", "--timeout", "5" } },
             // Every run creates a SharedMemory block: none may be left in /dev/shm (the fixture checks).
             { { "shared-memory-postbox" } },
         }) {
        if (c.args[0] == "shared-memory-postbox" && !pythonPackageBuilt())
            continue; // a Python scene file: this build has no Python package (the sanitizer stages)
        std::vector<std::string> args { "explore" };
        args.insert(args.end(), c.args.begin(), c.args.end());
        for (const char* a : { "--bound", "1", "--save" })
            args.emplace_back(a);
        args.push_back(dir());
        std::set<int> processes;

        const auto sut = exploreWatched(args, processes);

        EXPECT_EQ(sut.exitCode, 0) << c.args[0] << sut.out << sut.err;
        EXPECT_NE(sut.out.find("No bad interleaving within the bound: all "), std::string::npos) << sut.out;
        EXPECT_NE(sut.out.find("with at most 1 preemption per run ran as declared"), std::string::npos) << sut.out;
        EXPECT_NE(sut.out.find("1 distinct outcome:\n  good"), std::string::npos) << sut.out;
        EXPECT_EQ(sut.out.find("  bad "), std::string::npos) << sut.out;
        for (const int pid : processes)
            EXPECT_FALSE(mptest::running(pid)) << "process " << pid << " outlived the exploration";
    }
}

TEST_F(HostExploreTest, RandomPrioritiesFindTheLostUpdateToo)
{
    const auto sut = HostProcess::run({ "explore", "value-increment", "--param", "processes=2", "--param",
        "increments=1", "--random", "30", "--seed", "3", "--first", "--save", dir() });

    EXPECT_EQ(sut.exitCode, 1) << sut.out << sut.err;
    EXPECT_NE(sut.out.find("(PCT, seed 3)"), std::string::npos) << sut.out;
    EXPECT_NE(sut.out.find("final value 1 of 2 (1 updates lost)"), std::string::npos) << sut.out;
}

TEST_F(HostExploreTest, ATerminatedExplorationStopsItsRunAndReportsWhatItFound)
{
    HostProcess sut(
        { "explore", "value-increment", "--param", "processes=2", "--param", "increments=1", "--save", dir() });
    std::set<int> processes;
    while (processes.size() < 12 && mptest::running(sut.pid())) { // a few runs in
        for (const int pid : mptest::descendants(sut.pid()))
            processes.insert(pid);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_TRUE(mptest::running(sut.pid())) << "the whole search ended before it could be stopped";

    ::kill(sut.pid(), SIGTERM);
    const int code = sut.wait(20.0);

    EXPECT_TRUE(code == 0 || code == 1) << code;
    const std::string out = sut.output();
    EXPECT_NE(out.find("Stopped. Tried "), std::string::npos) << out;
    EXPECT_NE(out.find("distinct outcome"), std::string::npos) << out;
    for (const int pid : processes)
        EXPECT_FALSE(mptest::running(pid)) << "process " << pid << " outlived the stopped exploration";
}

TEST_F(HostExploreTest, BadInputIsRefusedWithStatusTwo)
{
    struct Bad {
        std::vector<std::string> args;
        const char* says;
    };
    for (const Bad& bad : std::vector<Bad> {
             { { "explore" }, "explore needs a scene id or a FILE.py" },
             { { "explore", "no-such-scene" }, "no scene called 'no-such-scene'" },
             { { "explore", "value-increment", "--bound", "two" }, "--bound must be a whole number from 0 to 20" },
             { { "explore", "value-increment", "--max-schedules", "0" }, "--max-schedules must be a whole number" },
             { { "explore", "value-increment", "--random", "-3" }, "--random must be a whole number" },
             { { "explore", "value-increment", "--save", "/nonexistent/dir" },
                 "--save needs a directory it can write to" },
             { { "explore", "value-increment", "--param", "processes=1" }, "processes" },
             { { "explore", "value-increment", "--steps", "3" }, "unknown option '--steps' for explore" },
         }) {
        const auto sut = HostProcess::run(bad.args);
        EXPECT_EQ(sut.exitCode, 2) << bad.says << sut.out;
        EXPECT_NE(sut.err.find(bad.says), std::string::npos) << sut.err;
    }
}

} // namespace
