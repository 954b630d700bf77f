// SPDX-License-Identifier: MIT
// When an explored run is at a choice point, from the frames alone (actors with no pid: no /proc, no pidfd).
#include "choice_points.h"

#include <mp/telemetry/event_views.h>

#include <gtest/gtest.h>

namespace {

using mp::telemetry::ActorId;
using mp::telemetry::Event;
using mp::telemetry::EventType;
using mpstage::ChoicePoints;

Event from(std::uint32_t actor, EventType type, std::int64_t b = 0)
{
    return Event { .type = type, .actor = ActorId { actor }, .b = b };
}

constexpr std::uint64_t SETTLE = 1000;

TEST(ChoicePointsTest, AChoiceOnceEveryoneWaitsAndNothingHasMovedForTheSettleTime)
{
    ChoicePoints sut;
    sut.observe(from(1, EventType::GateWaiting), 100);
    sut.observe(from(2, EventType::GateWaiting), 200);

    EXPECT_TRUE(sut.waiting(200 + SETTLE - 1, SETTLE).empty()) << "not settled yet";
    EXPECT_EQ(sut.waiting(200 + SETTLE, SETTLE), (std::vector<std::uint32_t> { 1, 2 }));
}

TEST(ChoicePointsTest, AGrantedActorIsMovingUntilItsGatePassedArrives)
{
    ChoicePoints sut;
    sut.observe(from(1, EventType::GateWaiting), 0);
    sut.observe(from(2, EventType::GateWaiting), 0);
    sut.granted(1, 10);

    EXPECT_TRUE(sut.waiting(10 * SETTLE, SETTLE).empty());
    sut.observe(from(1, EventType::GatePassed), 20 * SETTLE);
    EXPECT_TRUE(sut.waiting(30 * SETTLE, SETTLE).empty()) << "passed, and running to its next gate";
    sut.observe(from(1, EventType::GateWaiting), 40 * SETTLE);
    EXPECT_EQ(sut.waiting(50 * SETTLE, SETTLE), (std::vector<std::uint32_t> { 1, 2 }));
}

TEST(ChoicePointsTest, AProcessWithItsFeederThreadAlsoAtAGateStaysAChoiceAfterOneOfThemPasses)
{
    ChoicePoints sut;
    sut.observe(from(1, EventType::GateWaiting), 0); // the feeder thread
    sut.observe(from(1, EventType::GateWaiting), 0); // the main thread
    sut.granted(1, 0);
    sut.observe(from(1, EventType::GatePassed), 0);

    EXPECT_EQ(sut.waiting(10 * SETTLE, SETTLE), (std::vector<std::uint32_t> { 1 }));
}

TEST(ChoicePointsTest, AJoinerIsWakingOnceTheProcessItJoinsHasEnded)
{
    ChoicePoints sut;
    sut.observe(from(1, EventType::Blocked, 2), 0); // MainProcess in join() for actor 2
    sut.observe(from(2, EventType::GateWaiting), 0);
    sut.observe(from(3, EventType::GateWaiting), 0);
    ASSERT_EQ(sut.waiting(10 * SETTLE, SETTLE), (std::vector<std::uint32_t> { 2, 3 }));

    sut.observe(mp::telemetry::ActorExited::make(ActorId { 2 }, 0, "Process-1"), 20 * SETTLE);
    EXPECT_TRUE(sut.waiting(30 * SETTLE, SETTLE).empty()) << "the joiner is about to run: 3 alone is no choice yet";

    sut.observe(from(1, EventType::Unblocked), 40 * SETTLE);
    sut.observe(from(1, EventType::GateWaiting), 40 * SETTLE);
    EXPECT_EQ(sut.waiting(50 * SETTLE, SETTLE), (std::vector<std::uint32_t> { 1, 3 }));
}

TEST(ChoicePointsTest, NoChoiceWhileEveryoneIsBlocked)
{
    ChoicePoints sut;
    sut.observe(from(1, EventType::Blocked), 0);
    sut.observe(from(2, EventType::Blocked), 0);

    EXPECT_TRUE(sut.waiting(10 * SETTLE, SETTLE).empty()) << "a hang, for the run loop to notice";
}

} // namespace
