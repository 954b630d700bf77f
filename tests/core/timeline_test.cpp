// SPDX-License-Identifier: MIT
// Scrubbing: the World at event k from a snapshot must equal the World replayed from scratch to k.
#include <mp/telemetry/timeline.h>

#include "telemetry_script.h"

#include <gtest/gtest.h>

namespace {

using namespace mp::telemetry;
using namespace mptest;

constexpr ObjectId Q { 1 };
constexpr ObjectId LOCK { 2 };

Script traffic(int items)
{
    Script s;
    s << ev::run("timeline") << ev::started(MAIN, "MainProcess") << ev::created(MAIN, Q, ObjectKind::Queue, 0, "q")
      << ev::created(MAIN, LOCK, ObjectKind::Lock, 0, "lock") << ev::started(P1, "Process-1", MAIN);
    for (int i = 0; i < items; ++i) {
        const auto n = static_cast<std::uint64_t>(i + 1);
        s << ev::putCalled(MAIN, Q, n, std::to_string(i)) << ev::putBuffered(MAIN, Q, n) << ev::written(MAIN, Q, n, i)
          << ev::got(P1, Q, i, std::to_string(i)) << ev::wanted(P1, LOCK) << ev::acquired(P1, LOCK, i + 1, 10 * i)
          << ev::released(P1, LOCK, i + 1) << ev::plain(EventType::Print, P1, {}, 1, 0, "got it\n");
    }
    return s;
}

World replayFirst(const std::vector<Event>& events, std::size_t k)
{
    World world;
    for (std::size_t i = 0; i < k; ++i)
        world.apply(events[i]);
    return world;
}

TEST(TimelineTest, TheWorldAtAnyEventEqualsAReplayFromScratch)
{
    const Script script = traffic(20);
    Timeline sut(7);
    for (const Event& e : script.events())
        sut.append(e);

    for (std::size_t k = 0; k <= sut.size(); ++k)
        ASSERT_TRUE(sut.worldAt(k) == replayFirst(script.events(), k)) << "at event " << k;
    EXPECT_TRUE(sut.current() == replayFirst(script.events(), sut.size()));
}

TEST(TimelineTest, ScrubbingPastTheEndGivesTheCurrentWorld)
{
    const Script script = traffic(3);
    Timeline sut(4);
    for (const Event& e : script.events())
        sut.append(e);

    EXPECT_TRUE(sut.worldAt(sut.size() + 100) == sut.current());
    EXPECT_EQ(sut.worldAt(0).eventCount(), 0u);
}

TEST(TimelineTest, ALongRunThinsItsSnapshotsOut)
{
    const Script script = traffic(100);
    Timeline sut(4, 8);

    for (const Event& e : script.events())
        sut.append(e);

    EXPECT_LE(sut.snapshotCount(), 8u);
    EXPECT_GT(sut.snapshotInterval(), 4u);
    for (std::size_t k = 0; k <= sut.size(); k += 37)
        ASSERT_TRUE(sut.worldAt(k) == replayFirst(script.events(), k)) << "at event " << k;
}

TEST(TimelineTest, PastItsEventLimitAHistoryKeepsApplyingButStopsKeeping)
{
    const Script script = traffic(100);
    History<World> sut(World {}, 8, 8, 50);

    for (const Event& e : script.events())
        sut.append(e);

    ASSERT_GT(script.events().size(), 50u);
    EXPECT_EQ(sut.size(), 50u);
    EXPECT_FALSE(sut.complete());
    EXPECT_EQ(sut.notKept(), script.events().size() - 50);
    EXPECT_TRUE(sut.current() == replayFirst(script.events(), script.events().size()));
    EXPECT_TRUE(sut.stateAt(50) == replayFirst(script.events(), 50));
    EXPECT_TRUE(sut.stateAt(1000) == replayFirst(script.events(), 50));
}

} // namespace
