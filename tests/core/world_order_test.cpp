// SPDX-License-Identifier: MIT
// The World must not depend on the order in which different actors' frames arrive: the same run replayed in
// many arrival orders the engine could produce must give the same World.
#include <mp/telemetry/world.h>

#include "telemetry_script.h"

#include <gtest/gtest.h>

namespace {

using namespace mp::telemetry;
using namespace mptest;

constexpr ObjectId Q { 1 };
constexpr ObjectId PIPE { 2 };
constexpr ObjectId LOCK { 3 };
constexpr ObjectId COUNTER { 4 };
constexpr ObjectId RLOCK { 5 };

// Two producers and two consumers on a queue, a pipe closed on both sides, a contended lock, a re-entrant
// lock, a counter incremented with lost updates, and processes exiting.
Script busyRun()
{
    Script s;
    s << ev::run("busy") << ev::started(MAIN, "MainProcess") << ev::created(MAIN, Q, ObjectKind::Queue, 0, "q")
      << ev::created(MAIN, PIPE, ObjectKind::Pipe, 0, "pipe") << ev::created(MAIN, LOCK, ObjectKind::Lock, 0, "lock")
      << ev::created(MAIN, COUNTER, ObjectKind::Value, 0, "counter")
      << ev::created(MAIN, RLOCK, ObjectKind::RLock, 0, "rlock");
    s << ev::started(P1, "Process-1", MAIN) << ev::closed(MAIN, PIPE, 1) << ev::started(P2, "Process-2", MAIN)
      << ev::started(P3, "Process-3", MAIN) << ev::closed(P1, PIPE, 0);
    std::int64_t index = 0;
    std::int64_t acquisition = 0;
    for (std::uint64_t n = 1; n <= 6; ++n) {
        s << ev::putCalled(P1, Q, n, std::to_string(n)) << ev::putCalled(P2, Q, n, std::to_string(10 + n))
          << ev::putBuffered(P1, Q, n) << ev::written(P2, Q, n, index) << ev::putBuffered(P2, Q, n)
          << ev::written(P1, Q, n, index + 1);
        s << ev::got(MAIN, Q, index, std::to_string(10 + n)) << ev::got(P3, Q, index + 1, std::to_string(n));
        index += 2;
        const std::int64_t first = ++acquisition;
        const std::int64_t second = ++acquisition;
        s << ev::wanted(P1, LOCK) << ev::wanted(P2, LOCK) << ev::acquired(P1, LOCK, first, 100)
          << ev::released(P1, LOCK, first) << ev::acquired(P2, LOCK, second, 2000) << ev::released(P2, LOCK, second);
        s << ev::acquired(P3, RLOCK, static_cast<std::int64_t>(n))
          << ev::acquired(P3, RLOCK, static_cast<std::int64_t>(n))
          << ev::released(P3, RLOCK, static_cast<std::int64_t>(n))
          << ev::released(P3, RLOCK, static_cast<std::int64_t>(n));
        const auto v = static_cast<std::int64_t>(2 * n);
        s << ev::read(P1, COUNTER, v - 2, "x") << ev::read(P2, COUNTER, v - 2, "x")
          << ev::wrote(P1, COUNTER, v - 1, "y", "x") << ev::wrote(P2, COUNTER, v, "y", "y");
        s << ev::send(P1, PIPE, 1, static_cast<std::int64_t>(n - 1), "'m'")
          << ev::recv(MAIN, PIPE, 0, static_cast<std::int64_t>(n - 1), "'m'");
    }
    s << ev::putCalled(P1, Q, 99, "None") << ev::putBuffered(P1, Q, 99) << ev::blocked(P3, Q, "get")
      << ev::wanted(P2, LOCK) << ev::acquired(P2, LOCK, acquisition + 1) << ev::exited(MAIN, P2, -9)
      << ev::blocked(MAIN, {}, "join", P1) << ev::plain(EventType::Print, P1, {}, 1, 0, "done\n");
    return s;
}

World replay(const std::vector<Event>& events)
{
    World world;
    for (const Event& e : events)
        world.apply(e);
    return world;
}

TEST(WorldOrderTest, EveryArrivalOrderGivesTheSameWorld)
{
    const Script script = busyRun();
    const World inOrder = replay(script.events());

    int reordered = 0;
    for (unsigned seed = 1; seed <= 200; ++seed) {
        const std::vector<Event> arrival = script.shuffled(seed);
        reordered += arrival != script.events();

        const World sut = replay(arrival);

        ASSERT_TRUE(sut == inOrder) << "arrival order " << seed;
    }
    EXPECT_EQ(reordered, 200);
}

TEST(WorldOrderTest, TheBusyRunEndsWhereItShould)
{
    const World sut = replay(busyRun().events());

    EXPECT_EQ(sut.queue(Q)->gotCount(), 12u);
    EXPECT_EQ(sut.queue(Q)->buffer(P1).size(), 1u);
    EXPECT_EQ(sut.lock(LOCK)->holder(), P2);
    EXPECT_TRUE(sut.holderDied(LOCK));
    EXPECT_EQ(sut.lock(RLOCK)->holder(), ActorId {});
    EXPECT_EQ(sut.value(COUNTER)->lostWrites(), 6u);
    EXPECT_EQ(sut.pipe(PIPE)->receivedCount(1), 6u);
    EXPECT_EQ(sut.endpoints().holders(PIPE, 1), std::vector<ActorId> { P1 });
    EXPECT_EQ(sut.endpoints().holders(PIPE, 0), (std::vector<ActorId> { MAIN, P3 }));
}

} // namespace
