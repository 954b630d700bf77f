// SPDX-License-Identifier: MIT
// mpstage-host as a user (or the app) meets it: its command line, its exit statuses, its stream, and what
// it leaves behind when it finishes, is told to stop, loses its input, or is killed.
#include <mp/telemetry/wire.h>

#include "host_process.h"
#include "leftovers.h"

#include <csignal>
#include <thread>

namespace {

using mptest::HostProcess;

class HostCliTest : public mptest::NoLeftovers { };

TEST_F(HostCliTest, ListShowsTheCatalogue)
{
    const auto sut = HostProcess::run({ "list" });
    EXPECT_EQ(sut.exitCode, 0);
    EXPECT_NE(sut.out.find("queue-sentinel"), std::string::npos);
    EXPECT_NE(sut.out.find("pipe-eof"), std::string::npos);
    EXPECT_NE(sut.out.find("value-increment"), std::string::npos);
    EXPECT_NE(sut.out.find("pipe-poll "), std::string::npos); // a shipped scene file, by its id
    EXPECT_NE(sut.out.find("Is there anything to read? Connection.poll()"), std::string::npos);
}

TEST_F(HostCliTest, HelpDocumentsTheCommandsAndTheControlProtocol)
{
    const auto sut = HostProcess::run({ "--help" });
    EXPECT_EQ(sut.exitCode, 0);
    for (const char* word :
        { "run SCENE", "serve SCENE", "--param", "--detail", "--trace", "--schedule", "--timeout", "\"cmd\":\"step\"" })
        EXPECT_NE(sut.out.find(word), std::string::npos) << word;
}

TEST_F(HostCliTest, BadInputIsRefusedClearlyWithStatusTwo)
{
    struct Bad {
        std::vector<std::string> args;
        const char* says;
    };
    for (const Bad& bad : std::vector<Bad> {
             { { "run", "no-such-scene" }, "no scene called 'no-such-scene'" },
             { { "run", "queue-sentinel", "--param", "items=0" }, "must be a whole number from 1 to 20, not '0'" },
             { { "run", "queue-sentinel", "--param", "items=three" }, "not 'three'" },
             { { "run", "queue-sentinel", "--param", "sentinel=maybe" }, "must be true or false" },
             { { "run", "queue-sentinel", "--param", "colour=red" }, "unknown parameter 'colour'" },
             { { "run", "queue-sentinel", "--param", "items" }, "expected key=value" },
             { { "run", "queue-sentinel", "--detail", "loud" }, "--detail must be full or counters" },
             { { "run", "queue-sentinel", "--timeout", "-1" }, "--timeout must be" },
             { { "run", "queue-sentinel", "--schedule", "/nonexistent" }, "cannot read /nonexistent" },
             { { "fly" }, "unknown command 'fly'" },
         }) {
        const auto sut = HostProcess::run(bad.args);
        EXPECT_EQ(sut.exitCode, 2) << bad.says;
        EXPECT_NE(sut.err.find(bad.says), std::string::npos) << sut.err;
    }
}

TEST_F(HostCliTest, RunNarratesAndExitsZeroWhenTheSceneShowsItsOutcome)
{
    const auto sut = HostProcess::run({ "run", "queue-sentinel" });
    EXPECT_EQ(sut.exitCode, 0) << sut.out << sut.err;
    EXPECT_NE(sut.out.find("Process-1 got 4 from q"), std::string::npos) << sut.out;
    EXPECT_NE(sut.out.find("Outcome: as declared"), std::string::npos);
}

TEST_F(HostCliTest, AHangIsExplainedAndStillCountsAsTheDeclaredOutcome)
{
    const auto sut = HostProcess::run({ "run", "pipe-eof", "--param", "close_unused=false" });
    EXPECT_EQ(sut.exitCode, 0) << sut.out;
    EXPECT_NE(sut.out.find("Process-1 waits in recv() on the pipe"), std::string::npos) << sut.out;
    EXPECT_NE(sut.out.find("still open in Process-1 itself"), std::string::npos) << sut.out;
}

TEST_F(HostCliTest, TraceIsChromeTraceEventJson)
{
    const std::string path = "/tmp/mpstage-trace-" + std::to_string(::getpid()) + ".json";
    const auto sut = HostProcess::run({ "run", "queue-sentinel", "--trace", path, "--quiet" });
    ASSERT_EQ(sut.exitCode, 0);
    const std::string json = mptest::readFile(path);
    ::unlink(path.c_str());
    EXPECT_EQ(json.rfind("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[", 0), 0U) << json.substr(0, 80);
    for (const char* needle : { "\"process_name\"", "\"thread_name\"", "\"ph\":\"s\"", "\"ph\":\"f\"", "\"ph\":\"C\"",
             "QueueFeederThread", "MainProcess (pid" })
        EXPECT_NE(json.find(needle), std::string::npos) << needle;
}

TEST_F(HostCliTest, ServeStreamsDecodableTelemetryAndEndsWithTheOutcome)
{
    const auto sut = HostProcess::run({ "serve", "queue-sentinel" });
    ASSERT_EQ(sut.exitCode, 0) << sut.err;
    mp::telemetry::Decoder decoder;
    decoder.feed(sut.out);
    std::vector<mp::telemetry::Event> events;
    while (auto e = decoder.next())
        events.push_back(*e);
    decoder.finish();
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.front().type, mp::telemetry::EventType::RunStarted);
    EXPECT_EQ(events.back().type, mp::telemetry::EventType::RunEnded);
    EXPECT_EQ(events.back().a, 1) << events.back().text;
}

TEST_F(HostCliTest, ClosingItsInputStopsTheRunAndLeavesNothingBehind)
{
    HostProcess sut({ "serve", "pipe-eof", "--param", "close_unused=false", "--timeout", "60" });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto actors = mptest::descendants(sut.pid());
    EXPECT_GE(actors.size(), 2U); // MainProcess and Process-1, both stuck

    sut.closeInput();
    const int code = sut.wait(10.0);

    EXPECT_EQ(code, 0);
    for (const int pid : actors)
        EXPECT_FALSE(mptest::running(pid)) << "actor " << pid << " outlived its host";
}

TEST_F(HostCliTest, AStopCommandEndsTheRun)
{
    HostProcess sut({ "serve", "pipe-eof", "--param", "close_unused=false", "--timeout", "60" });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    sut.send("{\"cmd\":\"stop\"}\n");
    EXPECT_EQ(sut.wait(10.0), 0);
}

TEST_F(HostCliTest, KillingTheHostTakesEveryActorWithIt)
{
    HostProcess sut({ "serve", "pipe-eof", "--param", "close_unused=false", "--timeout", "60" });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto actors = mptest::descendants(sut.pid());
    ASSERT_GE(actors.size(), 2U);

    ::kill(sut.pid(), SIGKILL);
    sut.wait(10.0);

    for (int i = 0; i < 200 && !actors.empty(); ++i) { // they notice within a few ms
        bool any = false;
        for (const int pid : actors)
            any = any || mptest::running(pid);
        if (!any)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    for (const int pid : actors)
        EXPECT_FALSE(mptest::running(pid)) << "actor " << pid << " outlived its killed host";
}

TEST_F(HostCliTest, ATerminatedHostEndsItsRunCleanlyAndReportsTheEnd)
{
    HostProcess sut({ "serve", "pipe-eof", "--param", "close_unused=false", "--timeout", "60" });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto actors = mptest::descendants(sut.pid());
    ASSERT_GE(actors.size(), 2U);

    ::kill(sut.pid(), SIGTERM);

    EXPECT_EQ(sut.wait(10.0), 0);
    for (const int pid : actors)
        EXPECT_FALSE(mptest::running(pid)) << "actor " << pid << " outlived its terminated host";
    mp::telemetry::Decoder decoder;
    decoder.feed(sut.output());
    std::optional<mp::telemetry::Event> last;
    while (auto e = decoder.next())
        last = *e;
    ASSERT_TRUE(last);
    EXPECT_EQ(last->type, mp::telemetry::EventType::RunEnded);
    EXPECT_EQ(last->text, "stopped");
}

TEST_F(HostCliTest, AKilledActorIsReportedAndTheRunStillEndsCleanly)
{
    HostProcess sut({ "serve", "pipe-eof", "--param", "close_unused=false", "--timeout", "60" });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    sut.send("{\"cmd\":\"kill\",\"actor\":\"Process-1\"}\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    sut.send("{\"cmd\":\"stop\"}\n");
    EXPECT_EQ(sut.wait(10.0), 0);
    mp::telemetry::Decoder decoder;
    decoder.feed(sut.output());
    bool killed = false;
    while (auto e = decoder.next())
        killed = killed
            || (e->type == mp::telemetry::EventType::ActorExited && e->text == "Process-1" && e->a == -SIGKILL);
    EXPECT_TRUE(killed);
}

} // namespace
