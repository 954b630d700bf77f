// SPDX-License-Identifier: MIT
// Pipes, locks and shared values in the World.
#include <mp/telemetry/world.h>

#include "telemetry_script.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace mp::telemetry;
using namespace mptest;

constexpr ObjectId OBJ { 1 };

World replay(const std::vector<Event>& events)
{
    World world;
    for (const Event& e : events)
        world.apply(e);
    return world;
}

Script with(ObjectKind kind, std::int64_t parameter = 1)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, OBJ, kind, parameter, "obj")
      << ev::started(P1, "Process-1", MAIN);
    return s;
}

TEST(WorldPipeTest, MessagesTravelPerDirectionUntilReceived)
{
    Script s = with(ObjectKind::Pipe);
    s << ev::send(MAIN, OBJ, 0, 0, "'a'") << ev::send(MAIN, OBJ, 0, 1, "'b'") << ev::send(P1, OBJ, 1, 0, "'c'")
      << ev::recv(P1, OBJ, 1, 0, "'a'");

    const World sut = replay(s.events());

    const PipeState& p = *sut.pipe(OBJ);
    ASSERT_EQ(p.inFlight(0).size(), 1u);
    EXPECT_EQ(p.inFlight(0).begin()->second.repr, "'b'");
    EXPECT_EQ(p.inFlight(1).size(), 1u);
    EXPECT_EQ(p.received(0).at(0).receiver, P1);
    EXPECT_EQ(p.sentCount(0), 2u);
    EXPECT_EQ(p.receivedCount(0), 1u);
}

TEST(WorldPipeTest, ABlockedSendShowsHowMuchOfItsMessageThePipeHoldsUntilItIsSent)
{
    // pipe-both-send: each end is stuck part-way through a message bigger than the pipe.
    Script s = with(ObjectKind::Pipe);
    auto progress = [](ActorId actor, int end, std::int64_t written) {
        return Event {
            .type = EventType::SendProgress, .actor = actor, .object = OBJ, .a = end, .b = written, .text = "1048580"
        };
    };
    s << progress(MAIN, 0, 65536) << progress(P1, 1, 212992) << progress(MAIN, 0, 217088);
    const World stuck = replay(s.events());
    s << ev::send(MAIN, OBJ, 0, 0, "b'...'");
    const World sent = replay(s.events());

    const PipeState& p = *stuck.pipe(OBJ);
    ASSERT_TRUE(p.partial(0).has_value());
    EXPECT_EQ(p.partial(0)->sender, MAIN);
    EXPECT_EQ(p.partial(0)->held, 217088u);
    EXPECT_EQ(p.partial(0)->total, 1048580u);
    ASSERT_TRUE(p.partial(1).has_value());
    EXPECT_EQ(p.partial(1)->held, 212992u);
    EXPECT_EQ(p.sentCount(0), 0u) << "a message is sent only when all of it is in the pipe";
    EXPECT_FALSE(sent.pipe(OBJ)->partial(0).has_value());
    EXPECT_TRUE(sent.pipe(OBJ)->partial(1).has_value());
    EXPECT_EQ(sent.pipe(OBJ)->inFlight(0).size(), 1u);
}

TEST(WorldPipeTest, ARecvArrivingBeforeItsSendEndsTheSame)
{
    Script s = with(ObjectKind::Pipe);
    s << ev::send(MAIN, OBJ, 0, 0, "'a'") << ev::recv(P1, OBJ, 1, 0, "'a'");
    std::vector<Event> arrival = s.events();
    std::swap(arrival[3], arrival[4]);

    const World sut = replay(arrival);

    EXPECT_TRUE(sut.pipe(OBJ)->inFlight(0).empty());
    EXPECT_TRUE(sut == replay(s.events()));
}

TEST(WorldLockTest, TheHolderFollowsAcquisitionNumbersNotArrival)
{
    Script s = with(ObjectKind::Lock);
    s << ev::acquired(MAIN, OBJ, 1) << ev::released(MAIN, OBJ, 1) << ev::acquired(P1, OBJ, 2);
    std::vector<Event> arrival = s.events();
    std::rotate(arrival.begin() + 3, arrival.end() - 1, arrival.end()); // Process-1's acquire first

    const World sut = replay(arrival);

    EXPECT_EQ(sut.lock(OBJ)->holder(), P1);
    EXPECT_EQ(sut.lock(OBJ)->depth(), 1);
    EXPECT_TRUE(sut == replay(s.events()));
}

TEST(WorldLockTest, ALockReleasedByAnotherProcessIsFree)
{
    Script s = with(ObjectKind::Lock);
    s << ev::acquired(MAIN, OBJ, 1) << ev::released(P1, OBJ, 1);

    EXPECT_EQ(replay(s.events()).lock(OBJ)->holder(), ActorId {});
}

TEST(WorldLockTest, AnRLockCountsItsDepth)
{
    Script s = with(ObjectKind::RLock);
    s << ev::acquired(MAIN, OBJ, 1) << ev::acquired(MAIN, OBJ, 1) << ev::released(MAIN, OBJ, 1);
    World sut = replay(s.events());
    EXPECT_EQ(sut.lock(OBJ)->holder(), MAIN);
    EXPECT_EQ(sut.lock(OBJ)->depth(), 1);

    sut.apply(ev::released(MAIN, OBJ, 1));

    EXPECT_EQ(sut.lock(OBJ)->holder(), ActorId {});
    EXPECT_EQ(sut.lock(OBJ)->waitTimes().samples, 1u);
}

TEST(WorldLockTest, WaitersQueueInOrderAndWaitTimesAreKept)
{
    Script s = with(ObjectKind::Lock);
    s << ev::started(P2, "Process-2", MAIN) << ev::acquired(MAIN, OBJ, 1) << ev::wanted(P2, OBJ) << ev::wanted(P1, OBJ);
    World sut = replay(s.events());
    ASSERT_EQ(sut.lock(OBJ)->waiters().size(), 2u);
    EXPECT_EQ(sut.lock(OBJ)->waiters()[0].actor, P2);

    sut.apply(ev::released(MAIN, OBJ, 1));
    sut.apply(ev::acquired(P2, OBJ, 2, 3000));

    const LockState& lock = *sut.lock(OBJ);
    EXPECT_EQ(lock.waiters().size(), 1u);
    EXPECT_EQ(lock.waitTimes().samples, 2u);
    EXPECT_EQ(lock.waitTimes().maxNs, 3000u);
    EXPECT_EQ(lock.waitTimes().counts[WaitHistogram::bucketOf(3000)], 1u);
    EXPECT_EQ(lock.recentWaits().at(2).actor, P2);
}

TEST(WorldLockTest, AHolderThatExitsHoldingTheLockIsReported)
{
    Script s = with(ObjectKind::Lock);
    s << ev::acquired(P1, OBJ, 1) << ev::exited(MAIN, P1, -9);

    const World sut = replay(s.events());

    EXPECT_EQ(sut.lock(OBJ)->holder(), P1);
    EXPECT_TRUE(sut.holderDied(OBJ));
}

TEST(WorldLockTest, AHolderDiedEventIsReportedUntilTheNextAcquisition)
{
    Script s = with(ObjectKind::Lock);
    s << ev::acquired(P1, OBJ, 1) << ev::plain(EventType::HolderDied, MAIN, OBJ, 4002);
    World sut = replay(s.events());
    EXPECT_TRUE(sut.holderDied(OBJ));
    EXPECT_EQ(sut.lock(OBJ)->holderDiedPid(), 4002);

    sut.apply(ev::acquired(MAIN, OBJ, 2));

    EXPECT_FALSE(sut.holderDied(OBJ));
}

TEST(WorldLockTest, ASemaphoreListsEveryHolder)
{
    Script s = with(ObjectKind::Semaphore, 2);
    s << ev::acquired(MAIN, OBJ, 1) << ev::acquired(P1, OBJ, 2);

    const World sut = replay(s.events());

    EXPECT_EQ(sut.lock(OBJ)->holder(), ActorId {});
    EXPECT_EQ(sut.lock(OBJ)->heldBy(), (std::vector<std::pair<ActorId, int>> { { MAIN, 1 }, { P1, 1 } }));
}

TEST(WorldValueTest, TheCurrentValueIsTheHighestVersionWhateverTheArrival)
{
    Script s = with(ObjectKind::Value, 0);
    s << ev::wrote(MAIN, OBJ, 1, "1", "0") << ev::wrote(P1, OBJ, 2, "2", "1");
    std::vector<Event> arrival = s.events();
    std::swap(arrival[3], arrival[4]);

    const World sut = replay(arrival);

    EXPECT_EQ(sut.value(OBJ)->cell(0)->repr, "2");
    EXPECT_EQ(sut.value(OBJ)->cell(0)->writer, P1);
    EXPECT_EQ(sut.value(OBJ)->writes(), 2u);
}

TEST(WorldValueTest, AWriteAfterSomeoneElsesWriteIsALostUpdate)
{
    Script s = with(ObjectKind::Value, 0);
    s << ev::read(MAIN, OBJ, 0, "0") << ev::read(P1, OBJ, 0, "0") << ev::wrote(P1, OBJ, 1, "1", "0")
      << ev::wrote(MAIN, OBJ, 2, "1", "1");

    const World sut = replay(s.events());

    const ValueState& v = *sut.value(OBJ);
    EXPECT_EQ(v.lostWrites(), 1u);
    ASSERT_TRUE(v.lastLost().has_value());
    EXPECT_EQ(v.lastLost()->actor, MAIN);
    EXPECT_EQ(v.lastLost()->expectedVersion(), 1);
    EXPECT_EQ(v.lastLost()->writtenVersion, 2);
    EXPECT_EQ(v.lastLost()->updatesLost(), 1);
    EXPECT_EQ(v.lastLost()->overwrittenRepr, "1");
    EXPECT_EQ(v.reads(), 2u);
}

TEST(WorldValueTest, AnIncrementUnderTheLockLosesNothing)
{
    Script s = with(ObjectKind::Value, 0);
    s << ev::read(MAIN, OBJ, 0, "0") << ev::wrote(MAIN, OBJ, 1, "1", "0") << ev::read(P1, OBJ, 1, "1")
      << ev::wrote(P1, OBJ, 2, "2", "1") << ev::wrote(MAIN, OBJ, 3, "7", "2");

    EXPECT_EQ(replay(s.events()).value(OBJ)->lostWrites(), 0u);
}

TEST(WorldValueTest, ArrayCellsAreSeparate)
{
    Script s = with(ObjectKind::Array, 3);
    s << Event { .type = EventType::ValueWritten, .actor = MAIN, .object = OBJ, .a = 2, .b = 1, .text = "9" };

    const World sut = replay(s.events());

    EXPECT_EQ(sut.value(OBJ)->cell(2)->repr, "9");
    EXPECT_EQ(sut.value(OBJ)->cell(0), nullptr);
}

} // namespace
