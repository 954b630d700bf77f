// SPDX-License-Identifier: MIT
// Python programs through mpstage-host, observed as the app observes them: the stream carries the program's
// own line numbers and the queue's internals, a recorded interleaving replays, a hang is explained, and
// nothing is left behind.
#include <mp/telemetry/wire.h>

#include "host_process.h"
#include "leftovers.h"

#include <fstream>

namespace {

using mp::telemetry::Event;
using mp::telemetry::EventType;
using mptest::HostProcess;

class PythonProgramTest : public mptest::NoLeftovers { };

const std::string PROGRAMS = MPSTAGE_PY_OBSERVED_DIR;

std::vector<Event> decode(const std::string& stream)
{
    mp::telemetry::Decoder decoder;
    decoder.feed(stream);
    std::vector<Event> events;
    while (auto e = decoder.next())
        events.push_back(*e);
    decoder.finish();
    return events;
}

TEST_F(PythonProgramTest, TheStreamCarriesTheProgramsLinesAndEmptyLagsBehindPut)
{
    const auto sut = HostProcess::run({ "serve", "--python", PROGRAMS + "/feeder_lag.py" });
    ASSERT_EQ(sut.exitCode, 0) << sut.err;
    const auto events = decode(sut.out);
    std::vector<std::int64_t> lines;
    for (const Event& e : events)
        if (e.type == EventType::Line && e.actor.value == 1)
            lines.push_back(e.a);
    // q = Queue() on line 5, put on 6, empty() on 7 and 9, get on 10: the markers follow the real program
    EXPECT_EQ(lines, (std::vector<std::int64_t> { 5, 6, 7, 9, 10 }));
    std::vector<std::pair<EventType, std::int64_t>> queueSteps;
    for (const Event& e : events)
        if (e.type == EventType::PutCalled || e.type == EventType::FeederWritten || e.type == EventType::EmptyAnswer)
            queueSteps.emplace_back(e.type, e.type == EventType::EmptyAnswer ? e.a : 0);
    // put, empty() says True while the item is in the feeder's buffer, the feeder writes, empty() says False
    EXPECT_EQ(queueSteps,
        (std::vector<std::pair<EventType, std::int64_t>> { { EventType::PutCalled, 0 }, { EventType::EmptyAnswer, 1 },
            { EventType::FeederWritten, 0 }, { EventType::EmptyAnswer, 0 } }));
    EXPECT_EQ(events.back().type, EventType::RunEnded);
    EXPECT_EQ(events.back().a, 1) << events.back().text;
}

TEST_F(PythonProgramTest, AHungProgramIsExplainedAndEndsWithNothingLeft)
{
    const auto sut = HostProcess::run({ "run", PROGRAMS + "/hang.py", "--timeout", "20" });
    EXPECT_EQ(sut.exitCode, 1) << sut.err;
    EXPECT_NE(sut.out.find("The run hung"), std::string::npos) << sut.out;
    EXPECT_NE(sut.out.find("waits in recv()"), std::string::npos) << sut.out;
}

TEST_F(PythonProgramTest, AScheduleForcesTheLostUpdateOfTheCppSceneInThePythonProgram)
{
    // value-increment's schedule (tests/scenes/forced_schedule_test.cpp): each process passes its line and
    // read gates, then both write. The Python program's gates are the same, so it loses the same update.
    const std::string schedule = ::testing::TempDir() + "/python_lost_update.schedule";
    {
        std::ofstream out(schedule);
        for (const char* actor : { "Process-1", "Process-1", "Process-2", "Process-2", "Process-1", "Process-2" })
            out << "{\"actor\":\"" << actor << "\",\"micro\":true}\n";
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        const auto sut = HostProcess::run({ "run", PROGRAMS + "/lost_update.py", "--schedule", schedule });
        ASSERT_EQ(sut.exitCode, 0) << sut.err;
        EXPECT_NE(sut.out.find("printed: final value 1"), std::string::npos) << sut.out;
        EXPECT_NE(sut.out.find("lost update"), std::string::npos) << sut.out;
    }
}

} // namespace
