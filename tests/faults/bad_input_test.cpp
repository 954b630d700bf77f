// SPDX-License-Identifier: MIT
// mpstage-host given bad input: every parameter of every scene in the catalogue out of range, of the wrong
// type, unknown or repeated; a schedule that is malformed or does not fit the run. Each time: a sentence
// saying what is wrong, a non-zero status (2: bad input), and nothing left running.
#include <mpstage/catalogue.h>

#include "host_process.h"
#include "leftovers.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace {

using mpstage::ParamSpec;
using mpstage::ParamType;
using mptest::HostProcess;

std::string number(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// Values a user could type that the parameter must refuse.
std::vector<std::string> badValues(const ParamSpec& p)
{
    switch (p.type) {
    case ParamType::Int:
        return { std::to_string(static_cast<long>(p.min) - 1), std::to_string(static_cast<long>(p.max) + 1), "three",
            "1.5", "", "0x10", "99999999999999999999999" };
    case ParamType::Float:
        return { number(p.min - 1), number(p.max + 1), "nan", "inf", "one", "" };
    case ParamType::Bool:
        return { "maybe", "2", "", "TRUE" };
    case ParamType::Choice:
        return { "no-such-choice", "" };
    }
    return {};
}

class EveryParameterTest : public mptest::NoLeftovers, public ::testing::WithParamInterface<std::string> { };

TEST_P(EveryParameterTest, RefusesValuesOutOfRangeOrOfTheWrongTypeWithStatusTwo)
{
    const mpstage::Scene& scene = *mpstage::findScene(GetParam());
    for (const ParamSpec& p : scene.params) {
        for (const std::string& value : badValues(p)) {
            const auto sut = HostProcess::run({ "run", scene.id, "--param", p.key + "=" + value });

            EXPECT_EQ(sut.exitCode, 2) << p.key << "=" << value << "\n" << sut.out;
            EXPECT_NE(sut.err.find("parameter '" + p.key + "' must be"), std::string::npos)
                << p.key << "=" << value << ": " << sut.err;
            EXPECT_NE(sut.err.find("not '" + value + "'"), std::string::npos) << sut.err;
            EXPECT_EQ(sut.out, "") << "a refused run must not start";
        }
    }
}

TEST_P(EveryParameterTest, RefusesUnknownAndRepeatedParameters)
{
    const mpstage::Scene& scene = *mpstage::findScene(GetParam());

    const auto unknown = HostProcess::run({ "run", scene.id, "--param", "no_such_parameter=1" });
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_NE(unknown.err.find("unknown parameter 'no_such_parameter'"), std::string::npos) << unknown.err;
    for (const ParamSpec& p : scene.params)
        EXPECT_NE(unknown.err.find(p.key), std::string::npos)
            << "the message should list " << p.key << ": " << unknown.err;

    if (!scene.params.empty()) {
        const ParamSpec& p = scene.params.front();
        const auto twice = HostProcess::run(
            { "run", scene.id, "--param", p.key + "=" + p.defaultValue, "--param", p.key + "=" + p.defaultValue });
        EXPECT_EQ(twice.exitCode, 2);
        EXPECT_NE(twice.err.find("parameter '" + p.key + "' is given twice"), std::string::npos) << twice.err;
    }
}

std::vector<std::string> sceneIds()
{
    std::vector<std::string> out;
    for (const mpstage::Scene& s : mpstage::catalogue())
        out.push_back(s.id);
    return out;
}

std::string testName(const ::testing::TestParamInfo<std::string>& info)
{
    std::string name = info.param;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, EveryParameterTest, ::testing::ValuesIn(sceneIds()), testName);

class BadScheduleTest : public mptest::NoLeftovers {
protected:
    std::string scheduleFile(const std::string& text)
    {
        m_path = "/tmp/mpstage-schedule-" + std::to_string(::getpid()) + "-" + std::to_string(m_count++);
        std::ofstream(m_path) << text;
        return m_path;
    }
    void TearDown() override
    {
        ::unlink(m_path.c_str());
        mptest::NoLeftovers::TearDown();
    }

    struct Watched {
        int exitCode = 0;
        std::string err;
        double seconds = 0;
        std::set<int> seen; // every process of the run seen while it ran
    };
    // Runs the host to its end, noting every process of its run along the way.
    static Watched watch(const std::vector<std::string>& args)
    {
        const auto start = std::chrono::steady_clock::now();
        HostProcess host(args);
        Watched out;
        while (mptest::running(host.pid())) {
            for (const int pid : mptest::descendants(host.pid()))
                out.seen.insert(pid);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        out.exitCode = host.wait(30.0);
        out.err = host.errors();
        out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return out;
    }

private:
    std::string m_path;
    int m_count = 0;
};

TEST_F(BadScheduleTest, MalformedLinesAreRefusedBeforeAnythingRuns)
{
    struct Bad {
        std::string text;
        const char* says;
    };
    for (const Bad& bad : std::vector<Bad> {
             { "", "the schedule has no steps" },
             { "step Process-1\n", "schedule line 1 is not a JSON object" },
             { "{\"actor\":\"Process-1\"}\n[1,2]\n", "schedule line 2 is not a JSON object" },
             { "{\"micro\":true}\n", "schedule line 1 names no actor" },
             { "{\"actor\":\"\"}\n", "schedule line 1 names no actor" },
             { "{\"actor\":7}\n", "schedule line 1 names no actor" },
             { "{\"actor\":\"Process-1\",\"micro\":\"yes\"}\n", "\"micro\" that is not true or false" },
             { "{\"actor\":\"Process-1\",\"mikro\":true}\n", "unknown key \"mikro\"" },
         }) {
        const auto sut = HostProcess::run({ "run", "queue-sentinel", "--schedule", scheduleFile(bad.text) });

        EXPECT_EQ(sut.exitCode, 2) << bad.text;
        EXPECT_NE(sut.err.find(bad.says), std::string::npos) << bad.text << " -> " << sut.err;
        EXPECT_EQ(sut.out, "");
    }
}

TEST_F(BadScheduleTest, AStepForAnActorThatNeverStartsGivesUpOnceEveryoneWaits)
{
    // MainProcess is named, so it waits at its first gate for a step of its own: but the first step is for a
    // process that does not exist, and only MainProcess could have started it.
    const auto sut = watch({ "run", "queue-sentinel", "--timeout", "60", "--schedule",
        scheduleFile("{\"actor\":\"Process-9\"}\n{\"actor\":\"MainProcess\"}\n") });

    EXPECT_EQ(sut.exitCode, 2) << sut.err;
    EXPECT_NE(
        sut.err.find("schedule step 1 is for Process-9, but no process of that name ever started"), std::string::npos)
        << sut.err;
    EXPECT_LT(sut.seconds, 10.0) << "it should give up within a second or two, not wait for the timeout";
    EXPECT_FALSE(sut.seen.empty());
    for (const int pid : sut.seen)
        EXPECT_FALSE(mptest::running(pid)) << "process " << pid << " of the refused run is still running";
}

TEST_F(BadScheduleTest, AStepLeftOverWhenTheRunEndsSaysTheScheduleDidNotFit)
{
    // Nobody the schedule names ever appears, and everyone else runs freely to the end.
    const auto sut = watch({ "run", "queue-sentinel", "--schedule", scheduleFile("{\"actor\":\"Process-9\"}\n") });

    EXPECT_EQ(sut.exitCode, 2) << sut.err;
    EXPECT_NE(sut.err.find("schedule step 1 (Process-9) was never granted"), std::string::npos) << sut.err;
}

TEST_F(BadScheduleTest, AStepForAnActorThatHasExitedIsRefused)
{
    std::string steps;
    for (int i = 0; i < 200; ++i) // far more gates than Process-1 passes
        steps += "{\"actor\":\"Process-1\",\"micro\":true}\n";
    const auto sut = watch({ "run", "value-increment", "--param", "processes=2", "--param", "increments=1",
        "--schedule", scheduleFile(steps) });

    EXPECT_EQ(sut.exitCode, 2) << sut.err;
    EXPECT_NE(sut.err.find("is for Process-1, which has already exited"), std::string::npos) << sut.err;
    for (const int pid : sut.seen)
        EXPECT_FALSE(mptest::running(pid)) << "process " << pid << " of the refused run is still running";
}

TEST(HostControlTest, TheHostOpensNoSocketNoFifoNoFileForControl)
{
    // Control comes only on the stdin its parent gave it: the host itself opens pipes (telemetry), a
    // signalfd and pidfds, and one end of an unnamed socket pair (the run's processes tell the janitor about
    // the shared memory they create on it), never a socket anyone could connect to or a named file.
    std::set<std::string> inherited; // what this test process could have passed down
    for (int fd = 0; fd < 1024; ++fd) {
        char link[512];
        const ssize_t n = ::readlink(("/proc/self/fd/" + std::to_string(fd)).c_str(), link, sizeof link - 1);
        if (n > 0)
            inherited.insert(std::string(link, static_cast<std::size_t>(n)));
    }
    HostProcess sut({ "serve", "pipe-eof", "--param", "close_unused=false", "--timeout", "30" });
    std::this_thread::sleep_for(std::chrono::milliseconds(400));

    std::vector<std::string> opened;
    for (int fd = 3; fd < 1024; ++fd) {
        char link[512];
        const ssize_t n = ::readlink(
            ("/proc/" + std::to_string(sut.pid()) + "/fd/" + std::to_string(fd)).c_str(), link, sizeof link - 1);
        if (n > 0)
            opened.emplace_back(link, static_cast<std::size_t>(n));
    }
    sut.send("{\"cmd\":\"stop\"}\n");
    EXPECT_EQ(sut.wait(10.0), 0);

    // Unix sockets with a path or accepting connections, by inode (/proc/net/unix: ... Flags Type St Inode Path).
    std::set<std::string> reachable;
    std::ifstream unix("/proc/net/unix");
    std::string row;
    std::getline(unix, row);
    while (std::getline(unix, row)) {
        std::istringstream fields(row);
        std::string num, refs, protocol, flags, type, state, inode, path;
        fields >> num >> refs >> protocol >> flags >> type >> state >> inode >> path;
        if (!path.empty() || (std::stoul(flags, nullptr, 16) & 0x10000) != 0)
            reachable.insert("socket:[" + inode + "]");
    }
    for (const std::string& target : opened) {
        if (target.rfind("socket:", 0) == 0) {
            EXPECT_EQ(reachable.count(target), 0U) << "the host holds a socket others can reach: " << target;
            continue;
        }
        const bool own = target.rfind("pipe:", 0) == 0 || target.rfind("anon_inode:", 0) == 0;
        EXPECT_TRUE(own || inherited.count(target)) << "the host opened " << target;
    }
}

} // namespace
