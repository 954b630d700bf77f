// SPDX-License-Identifier: MIT
// The hang analyser on a JoinableQueue whose consumer never calls task_done() (the joinable-queue scene with
// task_done=forgotten): what hangs is the producer's join(), and the banner says so in one sentence. The
// consumer's get() on the emptied queue is its loop waiting for more, not a missing sentinel: the program
// has none.
#include <mp/telemetry/hang.h>

#include "telemetry_script.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace mp::telemetry;
using namespace mptest;

constexpr ObjectId Q { 1 };
constexpr std::uint64_t QUIET = 500'000'000;

std::vector<HangSentence> explain(const Script& s)
{
    World world;
    for (const Event& e : s.events())
        world.apply(e);
    return explainHang(world, world.lastNs() + QUIET, QUIET);
}

// MainProcess puts `items` items on q, Process-1 gets every one and calls task_done() `done` times, then
// waits in get() for more.
Script consumerTookEverything(ObjectKind kind, std::uint64_t items, std::uint64_t done)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, Q, kind, 0, "q") << ev::started(P1, "Process-1", MAIN);
    for (std::uint64_t n = 1; n <= items; ++n)
        s << ev::putCalled(MAIN, Q, n, std::to_string(n)) << ev::putBuffered(MAIN, Q, n)
          << ev::written(MAIN, Q, n, static_cast<std::int64_t>(n - 1)) << ev::getCalled(P1, Q)
          << ev::got(P1, Q, static_cast<std::int64_t>(n - 1), std::to_string(n));
    for (std::uint64_t n = 1; n <= done; ++n)
        s << ev::plain(EventType::TaskDone, P1, Q, static_cast<std::int64_t>(items - n));
    s << ev::getCalled(P1, Q) << ev::blocked(P1, Q, "get");
    return s;
}

std::string all(const std::vector<HangSentence>& sentences)
{
    std::string out;
    for (const HangSentence& s : sentences)
        out += s.text + "\n";
    return out;
}

TEST(HangJoinableTest, AForgottenTaskDoneIsOneSentenceAboutJoinAndNoSentinel)
{
    Script s = consumerTookEverything(ObjectKind::JoinableQueue, 4, 0);
    s << ev::plain(EventType::JoinQueue, MAIN, Q, 0) << ev::blocked(MAIN, Q, "join");

    const auto sentences = explain(s);

    ASSERT_EQ(sentences.size(), 1u) << all(sentences);
    const HangSentence& sut = sentences.front();
    EXPECT_EQ(sut.actor, MAIN);
    EXPECT_EQ(sut.text,
        "MainProcess waits in join() on q, but 4 items taken from it were never marked done: task_done() was called "
        "0 times for 4 items put.");
    EXPECT_EQ(all(sentences).find("sentinel"), std::string::npos) << all(sentences);
    // The consumer is still named, for the stage to mark; no end is held open (the queue itself glows).
    EXPECT_EQ(sut.actors, std::vector<ActorId> { P1 });
    EXPECT_EQ(sut.objects, std::vector<ObjectId> { Q });
    EXPECT_TRUE(sut.endpoints.empty());
}

TEST(HangJoinableTest, SomeTaskDoneCallsMissingIsTheSameOneSentence)
{
    Script s = consumerTookEverything(ObjectKind::JoinableQueue, 3, 2);
    s << ev::blocked(MAIN, Q, "join");

    const auto sentences = explain(s);

    ASSERT_EQ(sentences.size(), 1u) << all(sentences);
    EXPECT_EQ(sentences.front().text,
        "MainProcess waits in join() on q, but 1 item taken from it was never marked done: task_done() was called "
        "2 times for 3 items put.");
}

TEST(HangJoinableTest, AJoinableQueueNobodyJoinsStillMissesItsSentinel)
{
    // MainProcess waits for the consumer process itself, not for the queue: now the consumer's own wait is
    // the hang, and a sentinel is what would have ended it.
    Script s = consumerTookEverything(ObjectKind::JoinableQueue, 2, 2);
    s << ev::blocked(MAIN, {}, "join", P1);

    const auto sentences = explain(s);

    const auto consumer
        = std::find_if(sentences.begin(), sentences.end(), [](const HangSentence& h) { return h.actor == P1; });
    ASSERT_NE(consumer, sentences.end()) << all(sentences);
    EXPECT_EQ(consumer->text,
        "Process-1 waits in get() on q, which is empty, and every other process is waiting too, so nothing more will "
        "be put: no sentinel (None) was ever put to tell it to stop.");
}

TEST(HangJoinableTest, ItemsStillInTheQueueAreNotTaskDoneTrouble)
{
    // join() on a queue that still holds items: the consumer is not waiting in get() on an empty queue, and
    // the joiner's sentence says what is left.
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, Q, ObjectKind::JoinableQueue, 0, "q")
      << ev::putCalled(MAIN, Q, 1, "1") << ev::putBuffered(MAIN, Q, 1) << ev::written(MAIN, Q, 1, 0)
      << ev::blocked(MAIN, Q, "join");

    const auto sentences = explain(s);

    ASSERT_EQ(sentences.size(), 1u) << all(sentences);
    EXPECT_EQ(sentences.front().text,
        "MainProcess waits in join() on q, which still holds 1 item, and no other process is left to get them.");
}

} // namespace
