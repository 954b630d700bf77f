// SPDX-License-Identifier: MIT
// The narrated timeline: one readable line per event worth telling.
#include <mp/telemetry/narration.h>

#include "telemetry_script.h"

#include <gtest/gtest.h>

namespace {

using namespace mp::telemetry;
using namespace mptest;

constexpr ObjectId Q { 1 };
constexpr ObjectId PIPE { 2 };
constexpr ObjectId V { 3 };

// Tells every event of the script and returns the line of the last one.
std::string lastLine(const Script& s)
{
    Narrator sut;
    std::string line;
    for (const Event& e : s.events())
        line = sut(e);
    return line;
}

Script feederLag()
{
    Script s;
    s << ev::run("feeder_lag") << ev::started(MAIN, "MainProcess") << ev::created(MAIN, Q, ObjectKind::Queue, 0, "q")
      << ev::created(MAIN, PIPE, ObjectKind::Pipe, 0, "pipe#1") << ev::created(MAIN, V, ObjectKind::Value, 0, "counter")
      << ev::started(P1, "Process-1", MAIN);
    return s;
}

TEST(NarrationTest, APutIsToldWhenItReachesTheBuffer)
{
    Script s = feederLag();
    s << ev::putCalled(P1, Q, 1, "3");
    EXPECT_EQ(lastLine(s), "");

    s << ev::putBuffered(P1, Q, 1);

    EXPECT_EQ(describe(World {}, s.events().back()),
        "actor 2 put an item on object#1 (buffered; the feeder thread will write it)");
    EXPECT_NE(lastLine(s).find("Process-1 put 3 on q (buffered; the feeder thread will write it)"), std::string::npos);
}

TEST(NarrationTest, EmptyIsToldBesideTheTruth)
{
    Script s = feederLag();
    s << ev::putCalled(P1, Q, 1, "3") << ev::putBuffered(P1, Q, 1) << ev::answer(EventType::EmptyAnswer, MAIN, Q, 1);

    EXPECT_NE(lastLine(s).find("MainProcess: empty() on q said True — 1 item is still in Process-1's feeder buffer"),
        std::string::npos);
}

TEST(NarrationTest, EachLineStartsWithTheTimeSinceTheRunStarted)
{
    Script s = feederLag();
    s.advance(12'345'000);
    s << ev::written(P1, Q, 1, 0) << ev::got(MAIN, Q, 0, "3");

    const std::string line = lastLine(s);

    EXPECT_EQ(line.substr(0, 15), "    12.352 ms  ");
    EXPECT_EQ(line.substr(15), "MainProcess got 3 from q");
}

TEST(NarrationTest, BlockingAndExitsAreTold)
{
    Script s = feederLag();
    Narrator sut;
    for (const Event& e : s.events())
        sut(e);

    EXPECT_NE(sut(ev::blocked(P1, PIPE, "recv")).find("Process-1 blocked in recv() on pipe#1"), std::string::npos);
    EXPECT_NE(
        sut(ev::blocked(MAIN, {}, "join", P1)).find("MainProcess blocked in join() for Process-1"), std::string::npos);
    EXPECT_NE(sut(ev::exited(MAIN, P1, 0)).find("Process-1 exited with code 0"), std::string::npos);
    EXPECT_NE(sut(ev::exited(ActorId {}, MAIN, -9)).find("MainProcess was killed by SIGKILL"), std::string::npos);
}

TEST(NarrationTest, ALostUpdateIsPointedOut)
{
    Script s = feederLag();
    s << ev::read(MAIN, V, 0, "0") << ev::wrote(P1, V, 1, "1", "0") << ev::wrote(MAIN, V, 2, "1", "1");

    EXPECT_NE(
        lastLine(s).find("MainProcess wrote 1 to counter (was 1) — lost update: it read version 0, and 1 write by "
                         "others since then is overwritten"),
        std::string::npos);
}

TEST(NarrationTest, QuietEventsHaveNoLine)
{
    const World world;

    for (const EventType type :
        { EventType::GatePassed, EventType::Counters, EventType::Line, EventType::LockWanted, EventType::GetCalled,
            EventType::PutCalled, EventType::Unblocked, EventType::Poll, EventType::ObjectLabel })
        EXPECT_EQ(narrate(world, Event { .type = type, .actor = MAIN, .object = Q }), "") << eventTypeName(type);
}

TEST(NarrationTest, PrintsAndObjectsReadNaturally)
{
    const World world;

    EXPECT_EQ(describe(world, ev::plain(EventType::Print, MAIN, {}, 1, 0, "a\nb\n")), "actor 1 printed: a / b");
    EXPECT_EQ(describe(world, ev::created(MAIN, Q, ObjectKind::Queue, 3, "q")), "actor 1 created Queue q (maxsize 3)");
    EXPECT_EQ(describe(world, ev::created(MAIN, PIPE, ObjectKind::Pipe, 0, "pipe#2")),
        "actor 1 created Pipe pipe#2 (one-way: end 0 reads, end 1 writes)");
    // an Array's parameter is the id of its lock, not its length
    EXPECT_EQ(describe(world, ev::created(MAIN, Q, ObjectKind::Array, 6, "arr")), "actor 1 created Array arr");
}

} // namespace
