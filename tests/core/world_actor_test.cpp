// SPDX-License-Identifier: MIT
// The World's actors: lifecycle, what each thread is doing, prints, and what counts as progress.
#include <mp/telemetry/world.h>

#include "telemetry_script.h"

#include <gtest/gtest.h>

namespace {

using namespace mp::telemetry;
using namespace mptest;

constexpr ObjectId Q { 1 };

World replay(const Script& script)
{
    World world;
    for (const Event& e : script.events())
        world.apply(e);
    return world;
}

TEST(WorldActorTest, ActorStartedNamesTheActorAndItsParent)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::started(P1, "Process-1", MAIN);

    const World sut = replay(s);

    ASSERT_NE(sut.actor(P1), nullptr);
    EXPECT_EQ(sut.actor(P1)->name, "Process-1");
    EXPECT_EQ(sut.actor(P1)->parent, MAIN);
    EXPECT_EQ(sut.actor(P1)->pid, 4002);
    EXPECT_EQ(sut.actor(P1)->status, ActorStatus::Running);
    EXPECT_EQ(sut.actors().size(), 2u);
    EXPECT_EQ(sut.actorByPid(4001), sut.actor(MAIN));
    EXPECT_EQ(sut.actorName(P3), "actor 4");
}

TEST(WorldActorTest, BlockedShowsWhatItWaitsOnUntilUnblocked)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::blocked(MAIN, Q, "get");
    World sut = replay(s);
    ASSERT_EQ(sut.actor(MAIN)->status, ActorStatus::Blocked);
    EXPECT_EQ(sut.actor(MAIN)->blocked.object, Q);
    EXPECT_EQ(sut.actor(MAIN)->blocked.operation, "get");

    sut.apply(ev::unblocked(MAIN, Q, "get"));

    EXPECT_EQ(sut.actor(MAIN)->status, ActorStatus::Running);
    EXPECT_EQ(sut.actor(MAIN)->blocked, BlockedOn {});
}

TEST(WorldActorTest, JoinRecordsTheJoinedActor)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::started(P1, "Process-1", MAIN) << ev::blocked(MAIN, {}, "join", P1);

    const World sut = replay(s);

    EXPECT_EQ(sut.actor(MAIN)->blocked.joined, P1);
}

// The flusher reports Blocked late; the thread's own Unblocked can win the race and arrive first.
TEST(WorldActorTest, AnUnblockedThatOvertookItsBlockedCancelsIt)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::unblocked(MAIN, Q, "get") << ev::blocked(MAIN, Q, "get");
    World sut = replay(s);
    EXPECT_EQ(sut.actor(MAIN)->status, ActorStatus::Running);

    sut.apply(ev::blocked(MAIN, Q, "get")); // a real wait, later

    EXPECT_EQ(sut.actor(MAIN)->status, ActorStatus::Blocked);
}

TEST(WorldActorTest, GateWaitingPausesAndGatePassedResumes)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::plain(EventType::GateWaiting, MAIN, {}, 1, 0, "put");
    World sut = replay(s);
    ASSERT_EQ(sut.actor(MAIN)->status, ActorStatus::AtGate);
    EXPECT_EQ(sut.actor(MAIN)->gate.where, "put");
    EXPECT_TRUE(sut.actor(MAIN)->gate.micro);

    sut.apply(ev::plain(EventType::GatePassed, MAIN));

    EXPECT_EQ(sut.actor(MAIN)->status, ActorStatus::Running);
}

TEST(WorldActorTest, AFeederThreadHasItsOwnLane)
{
    Script s;
    s << ev::started(MAIN, "MainProcess")
      << Event { .type = EventType::FeederStarted, .thread = 1, .actor = MAIN, .object = Q }
      << ev::blocked(MAIN, Q, "feed", {}, 1);

    const World sut = replay(s);

    const Actor* main = sut.actor(MAIN);
    EXPECT_EQ(main->status, ActorStatus::Running);
    ASSERT_NE(main->feederFor(Q), nullptr);
    EXPECT_EQ(main->feederFor(Q)->status, ActorStatus::Blocked);
    EXPECT_EQ(main->feederFor(Q)->blocked.operation, "feed");
}

TEST(WorldActorTest, TheReaperReportsAnExitWithCodeOrSignal)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::started(P1, "Process-1", MAIN) << ev::started(P2, "Process-2", MAIN)
      << ev::blocked(P1, Q, "get") << ev::exited(MAIN, P1, 0) << ev::exited(MAIN, P2, -9);

    const World sut = replay(s);

    EXPECT_EQ(sut.actor(P1)->status, ActorStatus::Exited);
    EXPECT_EQ(sut.actor(P1)->exitCode, 0);
    EXPECT_EQ(sut.actor(P1)->blocked, BlockedOn {});
    EXPECT_EQ(sut.actor(P2)->exitCode, -9);
    EXPECT_FALSE(sut.actor(P2)->live());
    EXPECT_EQ(sut.actor(MAIN)->status, ActorStatus::Running);
}

TEST(WorldActorTest, AnExitWithoutTheActorIdIsFoundByName)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::started(P1, "Process-1", MAIN)
      << ev::plain(EventType::ActorExited, MAIN, {}, 1, 0, "Process-1");

    const World sut = replay(s);

    EXPECT_EQ(sut.actor(P1)->exitCode, 1);
    EXPECT_EQ(sut.actor(MAIN)->status, ActorStatus::Running);
}

TEST(WorldActorTest, PrintChunksBecomeLinesAndOnlyTheLastOnesAreKept)
{
    World sut(WorldLimits { .printLines = 2 });
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::plain(EventType::Print, MAIN, {}, 1, 0, "one\ntw")
      << ev::plain(EventType::Print, MAIN, {}, 1, 0, "o\nthree")
      << ev::plain(EventType::Print, MAIN, {}, 2, 0, "oops\n");

    for (const Event& e : s.events())
        sut.apply(e);

    const auto& prints = sut.actor(MAIN)->prints;
    ASSERT_EQ(prints.size(), 2u);
    EXPECT_EQ(prints[0].text, "three");
    EXPECT_FALSE(prints[0].complete);
    EXPECT_EQ(prints[1].text, "oops");
    EXPECT_EQ(prints[1].stream, 2);
    EXPECT_TRUE(prints[1].complete);
    EXPECT_EQ(sut.actor(MAIN)->printedLines, 4u);
}

TEST(WorldActorTest, LineEventsMoveTheListingMarker)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::plain(EventType::Line, MAIN, {}, 12);

    EXPECT_EQ(replay(s).actor(MAIN)->line, 12);
}

TEST(WorldActorTest, GapsInAnActorsSequenceNumbersAreCounted)
{
    World sut;
    sut.apply(Event { .type = EventType::ActorStarted, .actor = MAIN, .seq = 0, .text = "MainProcess" });
    sut.apply(Event { .type = EventType::Line, .actor = MAIN, .seq = 3 });

    EXPECT_EQ(sut.actor(MAIN)->missedFrames, 2u);
}

TEST(WorldActorTest, ProgressIgnoresWaitingAskingAndPrinting)
{
    Script s;
    s << ev::started(MAIN, "MainProcess");
    World sut = replay(s);
    const std::uint64_t start = sut.progressNs();

    for (const Event& e : { ev::blocked(MAIN, Q, "get"), ev::answer(EventType::EmptyAnswer, MAIN, Q, 1),
             ev::plain(EventType::Poll, MAIN, Q, 0, 0), ev::wanted(MAIN, ObjectId { 2 }),
             ev::plain(EventType::Print, MAIN, {}, 1, 0, "hi"), ev::plain(EventType::GateWaiting, MAIN),
             ev::plain(EventType::Line, MAIN, {}, 3), ev::getCalled(MAIN, Q) }) {
        Event late = e;
        late.timeNs = start + 1'000'000;
        sut.apply(late);
    }

    EXPECT_EQ(sut.progressNs(), start);
    EXPECT_EQ(sut.lastNs(), start + 1'000'000);
    EXPECT_EQ(sut.eventCount(), 9u);
}

TEST(WorldActorTest, CountersAreProgressOnlyWhenTheyGrow)
{
    World sut;
    sut.apply(Event { .type = EventType::Counters, .actor = MAIN, .timeNs = 10, .object = Q, .a = 5, .b = 0 });
    sut.apply(Event { .type = EventType::Counters, .actor = MAIN, .timeNs = 20, .object = Q, .a = 5, .b = 0 });
    sut.apply(Event { .type = EventType::Counters, .actor = MAIN, .timeNs = 30, .b = 123 });

    EXPECT_EQ(sut.progressNs(), 10u);
    EXPECT_EQ(sut.counters(Q).at(MAIN).put, 5);
    EXPECT_EQ(sut.actor(MAIN)->telemetryStallNs, 123u);
}

} // namespace
