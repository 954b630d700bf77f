// SPDX-License-Identifier: MIT
// An actor SIGKILLed at each kind of moment: holding a lock, blocked in the middle of sending a large
// message, before sending anything, in the middle of a put, inside join(). Each time the run reports the
// death (ActorExited, -9), the survivors see what CPython's would see, and when the run ends nothing is
// left behind: no process, no zombie, no /dev/shm entry.
#include "fault_run.h"
#include "fault_scenes.h"
#include "host_process.h"
#include "leftovers.h"

#include <csignal>
#include <random>
#include <string>
#include <unistd.h>

namespace {

using mp::telemetry::Event;
using mp::telemetry::World;
using mpfault::isBlockedIn;
using mpfault::isPrintFrom;

class KilledActorTest : public mptest::NoLeftovers {
protected:
    void TearDown() override
    {
        EXPECT_TRUE(mptest::descendants(::getpid()).empty()) << "a process of the run outlived it";
        mptest::NoLeftovers::TearDown();
    }
};

TEST_F(KilledActorTest, ALockHeldByTheDeadStaysHeldAndTheWaitersHangIsExplained)
{
    const auto sut = mpfault::runAndKill(mpfault::lockHolder(),
        { "Process-1",
            [](const Event& e, const World& w) { return isPrintFrom(e, w, "Process-1", "holding the lock"); } });

    ASSERT_TRUE(sut.killSent);
    ASSERT_TRUE(sut.report.error.empty()) << sut.report.error;
    EXPECT_EQ(sut.exitCode("Process-1"), -SIGKILL);
    EXPECT_EQ(sut.exitReports("Process-1"), 1); // the host saw it die; MainProcess never joins it
    EXPECT_FALSE(sut.printed("MainProcess", "acquired the lock"));
    EXPECT_TRUE(sut.report.result.hung);
    EXPECT_NE(sut.hangText().find("MainProcess waits in acquire()"), std::string::npos) << sut.hangText();
    EXPECT_NE(sut.hangText().find("Process-1 was killed by SIGKILL while holding it"), std::string::npos)
        << sut.hangText();
}

TEST_F(KilledActorTest, AMessageCutShortByTheSendersDeathRaisesOSErrorInTheReader)
{
    const auto sut = mpfault::runAndKill(mpfault::bigSender(),
        { "Process-1", [](const Event& e, const World& w) { return isBlockedIn(e, w, "Process-1", "send"); } });

    ASSERT_TRUE(sut.killSent);
    ASSERT_TRUE(sut.report.error.empty()) << sut.report.error;
    EXPECT_EQ(sut.exitCode("Process-1"), -SIGKILL);
    EXPECT_TRUE(sut.printed("MainProcess", "Process-1 exitcode -9"));
    EXPECT_TRUE(sut.printed("MainProcess", "OSError('got end of file during message')"))
        << sut.report.result.printed.at("MainProcess");
    EXPECT_FALSE(sut.printed("Process-1", "sent"));
    EXPECT_EQ(sut.report.result.mainExitCode, 0);
}

TEST_F(KilledActorTest, AWriterThatDiesBeforeSendingGivesTheReaderEOFError)
{
    const auto sut = mpfault::runAndKill(mpfault::quietSender(),
        { "Process-1", [](const Event& e, const World& w) { return isPrintFrom(e, w, "Process-1", "ready"); } });

    ASSERT_TRUE(sut.killSent);
    EXPECT_EQ(sut.exitCode("Process-1"), -SIGKILL);
    EXPECT_TRUE(sut.printed("MainProcess", "Process-1 exitcode -9"));
    EXPECT_TRUE(sut.printed("MainProcess", "EOFError()")) << sut.report.result.printed.at("MainProcess");
    EXPECT_EQ(sut.report.result.mainExitCode, 0);
}

TEST_F(KilledActorTest, AFeederKilledMidWriteLeavesAGetThatNoTimeoutCanEnd)
{
    // CPython's get(timeout=1.0) polls for the first byte, then reads the whole message with no timeout: the
    // rest of an item whose writer died mid-write never comes, so get() waits for ever despite its timeout.
    const auto sut = mpfault::runAndKill(mpfault::bigPutter(),
        { "Process-1", [](const Event& e, const World& w) { return isBlockedIn(e, w, "Process-1", "feed"); } });

    ASSERT_TRUE(sut.killSent);
    ASSERT_TRUE(sut.report.error.empty()) << sut.report.error;
    EXPECT_EQ(sut.exitCode("Process-1"), -SIGKILL);
    EXPECT_TRUE(sut.printed("MainProcess", "Process-1 exitcode -9"));
    EXPECT_FALSE(sut.printed("MainProcess", "Empty"));
    EXPECT_FALSE(sut.printed("MainProcess", "got an item"));
    EXPECT_TRUE(sut.report.result.hung);
    EXPECT_NE(sut.hangText().find("MainProcess waits in get() on queue#1, but Process-1 died while its feeder thread "
                                  "was writing an item into the pipe"),
        std::string::npos)
        << sut.hangText();
}

TEST_F(KilledActorTest, AProcessKilledInsideJoinLeavesItsChildRunningAsAnOrphan)
{
    const auto sut = mpfault::runAndKill(mpfault::joiner(),
        { "Process-1", [](const Event& e, const World& w) { return isBlockedIn(e, w, "Process-1", "join"); } });

    ASSERT_TRUE(sut.killSent);
    ASSERT_TRUE(sut.report.error.empty()) << sut.report.error;
    EXPECT_EQ(sut.exitCode("Process-1"), -SIGKILL);
    EXPECT_TRUE(sut.printed("MainProcess", "Process-1 exitcode -9"));
    EXPECT_EQ(sut.exitCode("MainProcess"), 0);
    // Process-1:1 outlives its parent (nobody will join it) until the run, hung, is stopped.
    EXPECT_TRUE(sut.report.result.hung);
    EXPECT_NE(sut.hangText().find("Process-1:1 waits"), std::string::npos) << sut.hangText();
    EXPECT_EQ(sut.exitCode("Process-1:1"), -SIGKILL);
}

TEST_F(KilledActorTest, ASharedMemoryBlockWhoseCreatorWasKilledIsRemovedWhenTheRunEnds)
{
    // A creator killed by a signal runs no finalizer, so its block would stay in /dev/shm for good; the host
    // removes what the run created once every process of it has gone (NoLeftovers checks /dev/shm).
    const auto sut = mpfault::runAndKill(mpfault::blockCreator(),
        { "Process-1", [](const Event& e, const World& w) { return isPrintFrom(e, w, "Process-1", "created"); } });

    ASSERT_TRUE(sut.killSent);
    EXPECT_EQ(sut.exitCode("Process-1"), -SIGKILL);
    EXPECT_TRUE(sut.printed("MainProcess", "Process-1 exitcode -9"));
}

TEST_F(KilledActorTest, AnActorKilledAtARandomInstantLosesNothingItReportedFromThePicture)
{
    // Process-1 counts under the Value's lock as fast as it can; it is killed after a random number of its
    // writes have reached the host, so it dies between two flushes of its telemetry with frames still unsent.
    // What it wrote must all be in the stream: the last write the run reports is the value the Value holds
    // (or one short, when the kill falls between a store and its report).
    std::mt19937 random(std::random_device {}());
    for (int trial = 0; trial < 4; ++trial) {
        const int after = std::uniform_int_distribution<int>(1, 4000)(random);
        SCOPED_TRACE("killed once " + std::to_string(after) + " of its writes had arrived");
        int seen = 0;
        const auto sut = mpfault::runAndKill(
            mpfault::busyCounter(), { "Process-1", [&](const Event& e, const World& w) {
                                         return e.type == mp::telemetry::EventType::ValueWritten
                                             && w.actorName(e.actor) == "Process-1" && ++seen >= after;
                                     } });

        ASSERT_TRUE(sut.killSent);
        ASSERT_EQ(sut.exitCode("Process-1"), -SIGKILL);
        long reported = -1;
        std::int64_t version = -1;
        for (const Event& e : sut.events)
            if (e.type == mp::telemetry::EventType::ValueWritten && e.b > version) {
                version = e.b;
                reported = std::stol(e.text);
            }
        long actual = -1;
        for (const Event& e : sut.events)
            if (e.type == mp::telemetry::EventType::Print && e.text.rfind("final ", 0) == 0)
                actual = std::stol(e.text.substr(6));
        ASSERT_GE(actual, after) << sut.report.result.allPrinted << sut.report.error << " main exit "
                                 << sut.exitCode("MainProcess");
        EXPECT_LE(actual - reported, 1) << "the picture lost " << actual - reported << " updates";
        EXPECT_GE(actual - reported, 0);
    }
}

} // namespace
