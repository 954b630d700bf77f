// SPDX-License-Identifier: MIT
// The hang analyser: when a run is hung, and the sentence it gives for each classic mistake.
#include <mp/telemetry/hang.h>

#include "telemetry_script.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace mp::telemetry;
using namespace mptest;

constexpr ObjectId OBJ { 1 };
constexpr ObjectId OTHER { 2 };
constexpr std::uint64_t QUIET = 500'000'000;

World replay(const Script& s)
{
    World world;
    for (const Event& e : s.events())
        world.apply(e);
    return world;
}

std::vector<HangSentence> explain(const Script& s)
{
    const World world = replay(s);
    return explainHang(world, world.lastNs() + QUIET, QUIET);
}

const HangSentence& about(const std::vector<HangSentence>& sentences, ActorId actor)
{
    const auto it
        = std::find_if(sentences.begin(), sentences.end(), [&](const HangSentence& s) { return s.actor == actor; });
    if (it == sentences.end())
        throw std::runtime_error("no sentence about actor " + std::to_string(actor.value));
    return *it;
}

Script withMainAnd(ObjectKind kind, std::int64_t parameter, const std::string& label)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, OBJ, kind, parameter, label);
    return s;
}

TEST(HangTest, ARunIsHungOnlyWhenEveryLiveActorIsBlockedAndQuiet)
{
    Script s = withMainAnd(ObjectKind::Pipe, 0, "pipe#1");
    s << ev::started(P1, "Process-1", MAIN) << ev::blocked(P1, OBJ, "recv");
    const World running = replay(s);
    s << ev::blocked(MAIN, {}, "join", P1);
    const World blocked = replay(s);

    EXPECT_FALSE(isHung(running, running.lastNs() + QUIET, QUIET));
    EXPECT_FALSE(isHung(blocked, blocked.lastNs() + QUIET - 1, QUIET));
    EXPECT_TRUE(isHung(blocked, blocked.lastNs() + QUIET, QUIET));
    EXPECT_TRUE(explainHang(running, running.lastNs() + QUIET, QUIET).empty());
}

TEST(HangTest, AWaitWithATimeoutIsNoHang)
{
    // conn.poll(2) or p.join(1.0) alone: the wait ends by itself, however long the run stays quiet.
    Script s = withMainAnd(ObjectKind::Pipe, 0, "pipe#1");
    Event poll = ev::blocked(MAIN, OBJ, "poll");
    poll.a = 1;
    s << poll;
    const World timed = replay(s);

    EXPECT_TRUE(timed.actor(MAIN)->blocked.timed);
    EXPECT_FALSE(isHung(timed, timed.lastNs() + 10 * QUIET, QUIET));
    EXPECT_TRUE(explainHang(timed, timed.lastNs() + 10 * QUIET, QUIET).empty());
}

TEST(HangTest, AnActorPausedAtAGateIsNotHung)
{
    Script s = withMainAnd(ObjectKind::Queue, 0, "q");
    s << ev::blocked(MAIN, OBJ, "flush")
      << Event { .type = EventType::GateWaiting, .thread = 1, .actor = MAIN, .a = 1 };

    const World sut = replay(s);

    EXPECT_FALSE(isHung(sut, sut.lastNs() + QUIET, QUIET));
}

TEST(HangTest, ARunWithNoLiveActorIsNotHung)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::exited(MAIN, MAIN, 0);

    EXPECT_TRUE(explain(s).empty());
}

TEST(HangTest, RecvWhileTheWriteEndIsStillOpenNamesEveryHolder)
{
    Script s = withMainAnd(ObjectKind::Pipe, 0, "pipe#1");
    s << ev::started(P1, "Process-1", MAIN) << ev::blocked(P1, OBJ, "recv") << ev::blocked(MAIN, {}, "join", P1);

    const auto sentences = explain(s);

    ASSERT_EQ(sentences.size(), 2u);
    const HangSentence& sut = about(sentences, P1);
    EXPECT_EQ(sut.text,
        "Process-1 waits in recv() on pipe#1, but the write end of pipe#1 is still open in Process-1 itself and in "
        "MainProcess, so end-of-file can never arrive.");
    EXPECT_EQ(sut.objects, std::vector<ObjectId> { OBJ });
    EXPECT_EQ(sut.endpoints, (std::vector<EndpointRef> { { P1, OBJ, 0 }, { P1, OBJ, 1 }, { MAIN, OBJ, 1 } }));
    EXPECT_EQ(about(sentences, MAIN).text,
        "MainProcess waits in join() for Process-1, which itself waits in recv() on pipe#1.");
}

TEST(HangTest, AConsumerLeftWithoutItsSentinelIsOneSentinelShort)
{
    Script s = withMainAnd(ObjectKind::Queue, 0, "q");
    s << ev::started(P1, "Process-1", MAIN) << ev::started(P2, "Process-2", MAIN) << ev::started(P3, "Process-3", MAIN);
    for (std::uint64_t n = 1; n <= 2; ++n)
        s << ev::putCalled(MAIN, OBJ, n, "None") << ev::putBuffered(MAIN, OBJ, n)
          << ev::written(MAIN, OBJ, n, static_cast<std::int64_t>(n - 1));
    s << ev::got(P1, OBJ, 0, "None") << ev::got(P2, OBJ, 1, "None") << ev::exited(MAIN, P1, 0)
      << ev::exited(MAIN, P2, 0) << ev::getCalled(P3, OBJ) << ev::blocked(P3, OBJ, "get");
    Script alone = s;
    alone << ev::exited(ActorId {}, MAIN, 0);
    s << ev::blocked(MAIN, {}, "join", P3);

    EXPECT_EQ(about(explain(s), P3).text,
        "Process-3 waits in get() on q, which is empty, and every other process is waiting too, so nothing more will "
        "be put: 2 sentinels (None) were put for 3 consumers, one too few.");
    EXPECT_EQ(about(explain(alone), P3).text,
        "Process-3 waits in get() on q, which is empty, and no other process is left to put anything: 2 sentinels "
        "(None) were put for 3 consumers, one too few.");
}

TEST(HangTest, AConsumerWithNoSentinelAtAllIsToldSo)
{
    Script s = withMainAnd(ObjectKind::Queue, 0, "q");
    s << ev::started(P1, "Process-1", MAIN) << ev::blocked(P1, OBJ, "get") << ev::exited(ActorId {}, MAIN, 0);

    EXPECT_EQ(about(explain(s), P1).text,
        "Process-1 waits in get() on q, which is empty, and no other process is left to put anything: no sentinel "
        "(None) was ever put to tell it to stop.");
}

TEST(HangTest, AJoinableQueueJoinMissingATaskDone)
{
    Script s = withMainAnd(ObjectKind::JoinableQueue, 0, "jq");
    s << ev::started(P1, "Process-1", MAIN);
    for (std::uint64_t n = 1; n <= 3; ++n)
        s << ev::putCalled(MAIN, OBJ, n, std::to_string(n)) << ev::putBuffered(MAIN, OBJ, n)
          << ev::written(MAIN, OBJ, n, static_cast<std::int64_t>(n - 1))
          << ev::got(P1, OBJ, static_cast<std::int64_t>(n - 1), std::to_string(n));
    s << ev::plain(EventType::TaskDone, P1, OBJ, 2) << ev::plain(EventType::TaskDone, P1, OBJ, 1)
      << ev::blocked(P1, OBJ, "get") << ev::blocked(MAIN, OBJ, "join");

    EXPECT_EQ(about(explain(s), MAIN).text,
        "MainProcess waits in join() on jq, but 1 item taken from it was never marked done: task_done() was called 2 "
        "times for 3 items put.");
}

TEST(HangTest, JoiningAProducerBeforeDrainingItsQueue)
{
    Script s = withMainAnd(ObjectKind::Queue, 0, "q");
    s << ev::started(P1, "Process-1", MAIN);
    for (std::uint64_t n = 1; n <= 3; ++n)
        s << ev::putCalled(P1, OBJ, n, "'x'") << ev::putBuffered(P1, OBJ, n);
    s << ev::written(P1, OBJ, 1, 0) << ev::blocked(P1, OBJ, "feed", {}, 1) << ev::blocked(P1, OBJ, "flush")
      << ev::blocked(MAIN, {}, "join", P1);

    const auto sentences = explain(s);

    const HangSentence& joiner = about(sentences, MAIN);
    EXPECT_EQ(joiner.text,
        "MainProcess waits in join() for Process-1, but Process-1 cannot exit until its feeder thread has written its "
        "last 2 items of q into the pipe, which is full because nobody gets from q: get() the items before join().");
    EXPECT_EQ(joiner.actors, std::vector<ActorId> { P1 });
    EXPECT_EQ(joiner.objects, std::vector<ObjectId> { OBJ });
    EXPECT_EQ(about(sentences, P1).text,
        "Process-1 has finished but cannot exit: its feeder thread still has 2 items of q to write into the pipe, "
        "which "
        "is full, and no process gets from q (MainProcess waits in join() for it).");
}

TEST(HangTest, TwoProcessesSendingOnBothEndsOfAPipe)
{
    Script s = withMainAnd(ObjectKind::Pipe, 1, "pipe");
    s << ev::started(P1, "Process-1", MAIN) << ev::closed(MAIN, OBJ, 1) << ev::closed(P1, OBJ, 0)
      << ev::blocked(MAIN, OBJ, "send") << ev::blocked(P1, OBJ, "send");

    const auto sentences = explain(s);

    ASSERT_EQ(sentences.size(), 1u) << "one cycle, one sentence";
    const HangSentence& sut = about(sentences, MAIN);
    EXPECT_EQ(sut.text,
        "MainProcess waits in send() on pipe while Process-1 waits in send() on its other end: each writes more than "
        "the pipe can hold while the other is not reading, so neither ever gets to recv().");
    EXPECT_EQ(sut.endpoints, (std::vector<EndpointRef> { { MAIN, OBJ, 0 }, { P1, OBJ, 1 } }));
    EXPECT_EQ(sut.actors, std::vector<ActorId> { P1 });
}

TEST(HangTest, TwoBlockedSendsSayHowMuchOfEachDirectionIsInThePipe)
{
    Script s = withMainAnd(ObjectKind::Pipe, 1, "pipe");
    auto progress = [](ActorId actor, int end, std::int64_t held) {
        return Event {
            .type = EventType::SendProgress, .actor = actor, .object = OBJ, .a = end, .b = held, .text = "1048580"
        };
    };
    s << ev::started(P1, "Process-1", MAIN) << ev::closed(MAIN, OBJ, 1) << ev::closed(P1, OBJ, 0)
      << ev::blocked(MAIN, OBJ, "send") << ev::blocked(P1, OBJ, "send") << progress(MAIN, 0, 212992)
      << progress(P1, 1, 217088);

    const auto sentences = explain(s);

    ASSERT_EQ(sentences.size(), 1u);
    EXPECT_EQ(about(sentences, MAIN).text,
        "MainProcess waits in send() on pipe while Process-1 waits in send() on its other end: each writes more than "
        "the pipe can hold (208 KiB from MainProcess and 212 KiB from Process-1 are in it) while the other is not "
        "reading, so neither ever gets to recv().");
}

TEST(HangTest, ProcessesWaitingForTheSameReasonShareOneSentence)
{
    Script s = withMainAnd(ObjectKind::Lock, 0, "lock");
    s << ev::started(P1, "Process-1", MAIN) << ev::started(P2, "Process-2", MAIN) << ev::started(P3, "Process-3", MAIN)
      << ev::acquired(P1, OBJ, 1) << ev::exited(MAIN, P1, -9) << ev::blocked(P2, OBJ, "acquire")
      << ev::blocked(P3, OBJ, "acquire") << ev::blocked(MAIN, OBJ, "acquire");

    const auto sentences = explain(s);

    ASSERT_EQ(sentences.size(), 1u);
    EXPECT_EQ(sentences[0].text,
        "MainProcess, Process-2 and Process-3 wait in acquire() on lock, but Process-1 was killed by SIGKILL while "
        "holding it, and CPython never releases a lock whose holder died.");
    EXPECT_EQ(sentences[0].actors, (std::vector<ActorId> { P1, P2, P3 }));
}

TEST(HangTest, ALockWhoseHolderWasKilledIsNeverReleased)
{
    Script s = withMainAnd(ObjectKind::Lock, 0, "lock");
    s << ev::started(P1, "Process-1", MAIN) << ev::acquired(P1, OBJ, 1) << ev::exited(MAIN, P1, -9)
      << ev::wanted(MAIN, OBJ) << ev::blocked(MAIN, OBJ, "acquire");

    const auto sentences = explain(s);

    ASSERT_EQ(sentences.size(), 1u);
    EXPECT_EQ(sentences[0].text,
        "MainProcess waits in acquire() on lock, but Process-1 was killed by SIGKILL while holding it, and CPython "
        "never releases a lock whose holder died.");
    EXPECT_EQ(sentences[0].actors, std::vector<ActorId> { P1 });
}

TEST(HangTest, ALockAcquiredTwiceByItsHolder)
{
    Script s = withMainAnd(ObjectKind::Lock, 0, "lock");
    s << ev::acquired(MAIN, OBJ, 1) << ev::wanted(MAIN, OBJ) << ev::blocked(MAIN, OBJ, "acquire");

    EXPECT_EQ(explain(s).at(0).text,
        "MainProcess waits in acquire() on lock, which it already holds itself: a Lock is not re-entrant, so it waits "
        "for itself forever (an RLock would not).");
}

TEST(HangTest, TwoLocksTakenInOppositeOrders)
{
    Script s = withMainAnd(ObjectKind::Lock, 0, "a");
    s << ev::created(MAIN, OTHER, ObjectKind::Lock, 0, "b") << ev::started(P1, "Process-1", MAIN)
      << ev::acquired(MAIN, OBJ, 1) << ev::acquired(P1, OTHER, 1) << ev::blocked(MAIN, OTHER, "acquire")
      << ev::blocked(P1, OBJ, "acquire");

    const auto sentences = explain(s);

    EXPECT_EQ(about(sentences, MAIN).text,
        "MainProcess waits in acquire() on b, held by Process-1, which waits in acquire() on a, held by MainProcess: "
        "each holds the lock the other wants (a deadlock).");
    EXPECT_EQ(about(sentences, MAIN).objects, (std::vector<ObjectId> { OTHER, OBJ }));
}

TEST(HangTest, ABarrierShortOfParties)
{
    Script s = withMainAnd(ObjectKind::Barrier, 3, "barrier");
    s << ev::started(P1, "Process-1", MAIN) << ev::blocked(MAIN, OBJ, "wait") << ev::blocked(P1, OBJ, "wait");

    const auto sentences = explain(s);

    ASSERT_EQ(sentences.size(), 1u);
    EXPECT_EQ(sentences[0].text,
        "MainProcess and Process-1 wait in wait() on barrier, which needs 3 parties but only 2 processes are waiting "
        "at it, and nobody else will come.");
}

TEST(HangTest, AnythingElseGetsTheGenericSentence)
{
    Script s = withMainAnd(ObjectKind::SharedMemory, 64, "shm");
    s << ev::blocked(MAIN, OBJ, "wait");

    EXPECT_EQ(
        explain(s).at(0).text, "MainProcess waits in wait() on shm, and no other process is left to end the wait.");
}

} // namespace
