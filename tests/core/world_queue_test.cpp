// SPDX-License-Identifier: MIT
// Queue contents in the World: buffer -> pipe -> delivered, whatever order the actors' frames arrive in.
#include <mp/telemetry/world.h>

#include "telemetry_script.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace mp::telemetry;
using namespace mptest;

constexpr ObjectId Q { 1 };

World replay(const std::vector<Event>& events, WorldLimits limits = {})
{
    World world(limits);
    for (const Event& e : events)
        world.apply(e);
    return world;
}

Script withQueue(ObjectKind kind = ObjectKind::Queue)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, Q, kind, 3, "q") << ev::started(P1, "Process-1", MAIN);
    return s;
}

TEST(WorldQueueTest, AnItemGoesFromTheBufferToThePipeToItsConsumer)
{
    Script s = withQueue();
    s << ev::putCalled(MAIN, Q, 1, "3") << ev::putBuffered(MAIN, Q, 1);
    World sut = replay(s.events());
    ASSERT_EQ(sut.queue(Q)->buffer(MAIN).size(), 1u);
    EXPECT_EQ(sut.queue(Q)->buffer(MAIN)[0]->repr, "3");
    EXPECT_EQ(sut.queue(Q)->producers(), std::vector<ActorId> { MAIN });

    sut.apply(ev::written(MAIN, Q, 1, 0));
    EXPECT_TRUE(sut.queue(Q)->buffer(MAIN).empty());
    ASSERT_EQ(sut.queue(Q)->inPipe().size(), 1u);
    EXPECT_EQ(sut.queue(Q)->inPipe()[0]->index, 0);

    sut.apply(ev::got(P1, Q, 0, "3"));
    const QueueState& q = *sut.queue(Q);
    EXPECT_EQ(q.inPipeCount(), 0u);
    ASSERT_EQ(q.delivered().size(), 1u);
    const QueueItem& item = q.delivered().at(0);
    EXPECT_EQ(item.id, ev::item(MAIN, 1));
    EXPECT_EQ(item.producer, MAIN);
    EXPECT_EQ(item.consumer, P1);
    EXPECT_EQ(item.stage, ItemStage::Delivered);
    EXPECT_EQ(q.putCount(), 1u);
    EXPECT_EQ(q.gotCount(), 1u);
}

TEST(WorldQueueTest, APutBlockedOnAFullQueueIsStillInTheProducersHand)
{
    Script s = withQueue();
    s << ev::putCalled(MAIN, Q, 1, "'x'");

    const World sut = replay(s.events());

    ASSERT_EQ(sut.queue(Q)->putting().size(), 1u);
    EXPECT_EQ(sut.queue(Q)->putCount(), 0u);
}

TEST(WorldQueueTest, APutThatRaisedFullLeavesNothingBehind)
{
    Script s = withQueue();
    s << ev::putCalled(MAIN, Q, 1, "'x'")
      << Event { .type = EventType::GetRaised, .actor = MAIN, .object = Q, .item = ev::item(MAIN, 1), .text = "Full" };

    EXPECT_TRUE(replay(s.events()).queue(Q)->putting().empty());
}

TEST(WorldQueueTest, ItemsAreReadInPipeOrderAcrossProducers)
{
    Script s = withQueue();
    s << ev::started(P2, "Process-2", MAIN) << ev::putCalled(P1, Q, 1, "'a'") << ev::putBuffered(P1, Q, 1)
      << ev::putCalled(P2, Q, 1, "'b'") << ev::putBuffered(P2, Q, 1) << ev::written(P2, Q, 1, 0)
      << ev::written(P1, Q, 1, 1);

    const World sut = replay(s.events());

    const auto pipe = sut.queue(Q)->inPipe();
    ASSERT_EQ(pipe.size(), 2u);
    EXPECT_EQ(pipe[0]->repr, "'b'");
    EXPECT_EQ(pipe[1]->repr, "'a'");
}

// A consumer's frames can reach the reader before the producer's: the read is kept until its write comes.
TEST(WorldQueueTest, AGetReturnedBeforeItsFeederWrittenEndsTheSame)
{
    Script s = withQueue();
    s << ev::putCalled(MAIN, Q, 1, "3") << ev::putBuffered(MAIN, Q, 1) << ev::written(MAIN, Q, 1, 0)
      << ev::got(P1, Q, 0, "3");
    std::vector<Event> arrival = s.events();
    std::rotate(arrival.begin() + 3, arrival.end() - 1, arrival.end()); // the get first

    const World sut = replay(arrival);

    EXPECT_TRUE(sut == replay(s.events()));
    EXPECT_EQ(sut.queue(Q)->delivered().at(0).producer, MAIN);
    EXPECT_EQ(sut.queue(Q)->bufferedCount(), 0u);
}

// The producer's main thread reports PutBuffered after waking the feeder, which may report first.
TEST(WorldQueueTest, AFeederWrittenBeforeItsPutBufferedEndsTheSame)
{
    Script a = withQueue();
    a << ev::putCalled(MAIN, Q, 1, "3") << ev::putBuffered(MAIN, Q, 1) << ev::written(MAIN, Q, 1, 0);
    Script b = withQueue();
    b << ev::putCalled(MAIN, Q, 1, "3") << ev::written(MAIN, Q, 1, 0) << ev::putBuffered(MAIN, Q, 1);

    const World sut = replay(b.events());

    EXPECT_EQ(sut.queue(Q)->bufferedCount(), 0u);
    EXPECT_EQ(sut.queue(Q)->inPipeCount(), 1u);
    EXPECT_EQ(sut.queue(Q)->putCount(), replay(a.events()).queue(Q)->putCount());
}

TEST(WorldQueueTest, SentinelsAreFlagged)
{
    Script s = withQueue();
    s << ev::putCalled(MAIN, Q, 1, "None") << ev::putBuffered(MAIN, Q, 1);

    const World sut = replay(s.events());

    EXPECT_TRUE(sut.queue(Q)->buffer(MAIN)[0]->sentinel);
    EXPECT_EQ(sut.queue(Q)->sentinelsInFlight(), 1u);
}

TEST(WorldQueueTest, OnlyTheLastDeliveredItemsAreKeptButAllAreCounted)
{
    Script s = withQueue();
    for (std::uint64_t i = 0; i < 10; ++i)
        s << ev::putCalled(MAIN, Q, i + 1, std::to_string(i)) << ev::putBuffered(MAIN, Q, i + 1)
          << ev::written(MAIN, Q, i + 1, static_cast<std::int64_t>(i))
          << ev::got(P1, Q, static_cast<std::int64_t>(i), std::to_string(i));

    const World sut = replay(s.events(), WorldLimits { .delivered = 4 });

    ASSERT_EQ(sut.queue(Q)->delivered().size(), 4u);
    EXPECT_EQ(sut.queue(Q)->delivered().begin()->first, 6);
    EXPECT_EQ(sut.queue(Q)->gotCount(), 10u);
    EXPECT_EQ(sut.queue(Q)->putCount(), 10u);
}

TEST(WorldQueueTest, AnEmptyAnswerKeepsTheTruthBesideIt)
{
    Script s = withQueue();
    s << ev::putCalled(MAIN, Q, 1, "1") << ev::putBuffered(MAIN, Q, 1)
      << ev::answer(EventType::EmptyAnswer, MAIN, Q, 1);

    const QueueAnswer answer = replay(s.events()).queue(Q)->emptyAnswer();

    EXPECT_TRUE(answer.valid);
    EXPECT_EQ(answer.answer, 1);
    EXPECT_EQ(answer.buffered, 1u);
    EXPECT_EQ(answer.inPipe, 0u);
    EXPECT_EQ(answer.bufferedBy, (std::vector<std::pair<ActorId, std::size_t>> { { MAIN, 1 } }));
}

TEST(WorldQueueTest, AJoinableQueueCountsUnfinishedTasks)
{
    Script s = withQueue(ObjectKind::JoinableQueue);
    for (std::uint64_t i = 1; i <= 3; ++i)
        s << ev::putCalled(MAIN, Q, i, "1") << ev::putBuffered(MAIN, Q, i);
    s << ev::plain(EventType::TaskDone, P1, Q, 2);

    const World sut = replay(s.events());

    EXPECT_EQ(sut.queue(Q)->unfinished(), 2u);
    EXPECT_EQ(sut.queue(Q)->reportedUnfinished(), 2);
    EXPECT_EQ(sut.queue(Q)->taskDoneCount(), 1u);
}

TEST(WorldQueueTest, ABufferDiesWithItsProcess)
{
    Script s = withQueue();
    s << ev::putCalled(P1, Q, 1, "1") << ev::putBuffered(P1, Q, 1) << ev::exited(MAIN, P1, -9);

    const World sut = replay(s.events());

    EXPECT_EQ(sut.queue(Q)->bufferedCount(), 0u);
    EXPECT_EQ(sut.queue(Q)->lostCount(), 1u);
}

} // namespace
