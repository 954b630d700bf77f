// SPDX-License-Identifier: MIT
// Which actors hold which pipe ends: creation, inheritance across fork, close, exit, EOF.
#include <mp/telemetry/world.h>

#include "telemetry_script.h"

#include <gtest/gtest.h>

namespace {

using namespace mp::telemetry;
using namespace mptest;

constexpr ObjectId PIPE { 1 };
constexpr ObjectId LATER { 2 };

World replay(const std::vector<Event>& events)
{
    World world;
    for (const Event& e : events)
        world.apply(e);
    return world;
}

std::vector<ActorId> ids(std::initializer_list<ActorId> list)
{
    return list;
}

TEST(WorldEndpointTest, TheCreatorHoldsBothEnds)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, PIPE, ObjectKind::Pipe, 0, "pipe#1");

    const World sut = replay(s.events());

    EXPECT_EQ(sut.endpoints().holders(PIPE, 0), ids({ MAIN }));
    EXPECT_EQ(sut.endpoints().holders(PIPE, 1), ids({ MAIN }));
    EXPECT_EQ(sut.endpoints().heldBy(MAIN).size(), 2u);
}

TEST(WorldEndpointTest, AStartedChildCopiesEveryEndItsParentHolds)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, PIPE, ObjectKind::Pipe, 0, "pipe#1")
      << ev::started(P1, "Process-1", MAIN);

    const World sut = replay(s.events());

    EXPECT_EQ(sut.endpoints().holders(PIPE, 0), ids({ MAIN, P1 }));
    EXPECT_EQ(sut.endpoints().holders(PIPE, 1), ids({ MAIN, P1 }));
}

TEST(WorldEndpointTest, ClosingAndExitingDropCopies)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, PIPE, ObjectKind::Pipe, 0, "pipe#1")
      << ev::started(P1, "Process-1", MAIN) << ev::closed(MAIN, PIPE, 0) << ev::closed(P1, PIPE, 1)
      << ev::exited(MAIN, P1, 0);

    const World sut = replay(s.events());

    EXPECT_EQ(sut.endpoints().holders(PIPE, 0), ids({}));
    EXPECT_EQ(sut.endpoints().holders(PIPE, 1), ids({ MAIN }));
    EXPECT_TRUE(sut.endpoints().heldBy(P1).empty());
}

TEST(WorldEndpointTest, EofIsRecordedPerEnd)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, PIPE, ObjectKind::Pipe, 0, "pipe#1")
      << ev::plain(EventType::Eof, MAIN, PIPE, 0);

    const World sut = replay(s.events());

    EXPECT_TRUE(sut.endpoints().eofSeen(PIPE, 0));
    EXPECT_FALSE(sut.endpoints().eofSeen(PIPE, 1));
}

// The parent closes its copy right after start(); its frame may reach the reader before the child's first.
TEST(WorldEndpointTest, AParentsCloseAfterTheForkArrivingFirstLeavesTheChildItsCopy)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, PIPE, ObjectKind::Pipe, 0, "pipe#1")
      << ev::started(P1, "Process-1", MAIN) << ev::closed(MAIN, PIPE, 0)
      << ev::created(MAIN, LATER, ObjectKind::Pipe, 1, "pipe#2");
    std::vector<Event> arrival = s.events();
    std::swap(arrival[2], arrival[3]); // MainProcess's close arrives before Process-1's ActorStarted
    std::swap(arrival[3], arrival[4]); // and so does the pipe it created after the fork

    const World sut = replay(arrival);

    EXPECT_EQ(sut.endpoints().holders(PIPE, 0), ids({ P1 }));
    EXPECT_EQ(sut.endpoints().holders(PIPE, 1), ids({ MAIN, P1 }));
    EXPECT_EQ(sut.endpoints().holders(LATER, 0), ids({ MAIN }));
    EXPECT_TRUE(sut == replay(s.events()));
}

// Without the fork point in ActorStarted, the child's start time stands in for it.
TEST(WorldEndpointTest, WithoutTheForkPointTheStartTimeDecides)
{
    Script s;
    s.forkSeq(false);
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, PIPE, ObjectKind::Pipe, 0, "pipe#1")
      << ev::started(P1, "Process-1", MAIN) << ev::closed(MAIN, PIPE, 0)
      << ev::created(MAIN, LATER, ObjectKind::Pipe, 1, "pipe#2");
    std::vector<Event> arrival = s.events();
    std::swap(arrival[2], arrival[3]);
    std::swap(arrival[3], arrival[4]);

    const World sut = replay(arrival);

    EXPECT_EQ(sut.endpoints().holders(PIPE, 0), ids({ P1 }));
    EXPECT_EQ(sut.endpoints().holders(LATER, 0), ids({ MAIN }));
}

// Placed by time alone, a child that stamped its start after its parent's close misses that end, until it
// uses it: using an end proves holding it.
TEST(WorldEndpointTest, UsingAnEndProvesHoldingIt)
{
    Script s;
    s.forkSeq(false);
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, PIPE, ObjectKind::Pipe, 1, "pipe#1")
      << ev::closed(MAIN, PIPE, 0);
    s.advance(1000);
    s << ev::started(P1, "Process-1", MAIN);
    World sut = replay(s.events());
    ASSERT_EQ(sut.endpoints().holders(PIPE, 0), ids({}));

    sut.apply(ev::recv(P1, PIPE, 0, 0, "1"));

    EXPECT_EQ(sut.endpoints().holders(PIPE, 0), ids({ P1 }));
}

TEST(WorldEndpointTest, AGrandchildInheritsWhatItsParentInherited)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, PIPE, ObjectKind::Pipe, 0, "pipe#1")
      << ev::started(P1, "Process-1", MAIN) << ev::closed(P1, PIPE, 0) << ev::started(P2, "Process-1:1", P1);

    const World sut = replay(s.events());

    EXPECT_EQ(sut.endpoints().holders(PIPE, 0), ids({ MAIN }));
    EXPECT_EQ(sut.endpoints().holders(PIPE, 1), ids({ MAIN, P1, P2 }));
}

TEST(WorldEndpointTest, TheLastEndUsedIsRemembered)
{
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, PIPE, ObjectKind::Pipe, 1, "pipe#1")
      << ev::send(MAIN, PIPE, 1, 0, "'hi'");

    const World sut = replay(s.events());

    EXPECT_EQ(sut.endpoints().lastUsedEnd(MAIN, PIPE), 1);
    EXPECT_EQ(sut.endpoints().lastUsedEnd(P1, PIPE), -1);
}

} // namespace
