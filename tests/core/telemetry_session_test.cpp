// SPDX-License-Identifier: MIT
// The engine reporting on itself: real actors in a real session, their stream decoded.
#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/process.h>
#include <mp/queues.h>
#include <mp/telemetry/event_views.h>
#include <mp/telemetry/session.h>

#include "leftovers.h"
#include "observe.h"

#include <iostream>
#include <map>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace {

using namespace mp::telemetry;

class TelemetrySessionTest : public mptest::NoLeftovers { };

void producerConsumer()
{
    mp::Queue q;
    mp::Process consumer([&] {
        for (;;) {
            const mp::Object item = q.get();
            if (item.is_none())
                break;
            std::cout << "got " << mp::repr(item) << std::endl;
        }
    });
    consumer.start();
    for (int i = 1; i <= 4; ++i)
        q.put(i);
    q.put(mp::None);
    consumer.join();
}

TEST_F(TelemetrySessionTest, AQueueRunReportsItsActorsItemsAndPrints)
{
    const mptest::Observed sut = mptest::observe(producerConsumer);

    ASSERT_EQ(sut.mainExitCode, 0);
    const auto started = mptest::ofType(sut.events, EventType::ActorStarted);
    ASSERT_EQ(started.size(), 2U);
    EXPECT_EQ(started[0].text, "MainProcess");
    EXPECT_EQ(started[1].text, "Process-1");
    EXPECT_EQ(started[1].b, 1); // parent: the main actor

    const auto created = mptest::ofType(sut.events, EventType::ObjectCreated);
    ASSERT_EQ(created.size(), 1U) << "the queue's pipe and locks must not appear as objects of their own";
    EXPECT_EQ(created[0].a, static_cast<std::int64_t>(ObjectKind::Queue));

    const auto puts = mptest::ofType(sut.events, EventType::PutCalled);
    const auto written = mptest::ofType(sut.events, EventType::FeederWritten);
    const auto got = mptest::ofType(sut.events, EventType::GetReturned);
    ASSERT_EQ(puts.size(), 5U);
    ASSERT_EQ(written.size(), 5U);
    ASSERT_EQ(got.size(), 5U);
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(written[i].a, static_cast<std::int64_t>(i));
        EXPECT_EQ(written[i].item, puts[i].item);
        EXPECT_EQ(got[i].a, static_cast<std::int64_t>(i));
        EXPECT_EQ(got[i].text, puts[i].text);
    }
    EXPECT_EQ(got[4].text, "None");
    EXPECT_NE(written[0].thread, 0) << "the feeder reports on its own lane";

    std::string printed;
    for (const Event& e : mptest::ofType(sut.events, EventType::Print))
        printed += e.text;
    EXPECT_EQ(printed, "got 1\ngot 2\ngot 3\ngot 4\n");

    const auto exited = mptest::ofType(sut.events, EventType::ActorExited);
    ASSERT_EQ(exited.size(), 1U);
    EXPECT_EQ(exited[0].b, started[1].actor.value);
    EXPECT_EQ(exited[0].a, 0);
}

TEST_F(TelemetrySessionTest, EachActorsSequenceNumbersRunWithoutGaps)
{
    const mptest::Observed sut = mptest::observe(producerConsumer);

    std::map<std::uint32_t, std::uint32_t> next;
    for (const Event& e : sut.events)
        EXPECT_EQ(e.seq, next[e.actor.value]++) << eventTypeName(e.type) << " of actor " << e.actor.value;
    EXPECT_EQ(next.size(), 2U);
}

TEST_F(TelemetrySessionTest, AReaderThatStillHoldsTheWriteEndBlocksInRecvAndSaysSo)
{
    const mptest::Observed sut = mptest::observe([] {
        auto [out, in] = mp::Pipe();
        mp::Process consumer([&] {
            out.poll(0.3); // holds `in` open itself: no EOF will come
        });
        consumer.start();
        out.close();
        in.close();
        consumer.join();
    });

    const auto closed = mptest::ofType(sut.events, EventType::EndpointClosed);
    EXPECT_EQ(closed.size(), 2U); // the main actor closed both of its copies
    const auto blocked = mptest::ofType(sut.events, EventType::Blocked);
    bool pollBlocked = false;
    for (const Event& e : blocked)
        pollBlocked = pollBlocked || e.text == "poll";
    EXPECT_TRUE(pollBlocked) << "a 300 ms poll was not reported as blocking";
    const auto polls = mptest::ofType(sut.events, EventType::Poll);
    ASSERT_EQ(polls.size(), 1U);
    EXPECT_EQ(polls[0].b, 0);
}

TEST_F(TelemetrySessionTest, ASendThatBlocksReportsHowMuchOfItsMessageThePipeHolds)
{
    // A 1 MiB message into a pipe that holds far less, while the reader waits 300 ms before it reads.
    constexpr std::size_t SIZE = 1 << 20;
    const mptest::Observed sut = mptest::observe([] {
        auto [a, b] = mp::Pipe();
        mp::Process reader([&] {
            ::usleep(300'000);
            (void)b.recv_bytes();
        });
        reader.start();
        a.send_bytes(std::string(SIZE, 'x'));
        reader.join();
    });

    ASSERT_EQ(sut.mainExitCode, 0);
    const auto progress = mptest::ofType(sut.events, EventType::SendProgress);
    ASSERT_FALSE(progress.empty()) << "a send blocked for 300 ms did not say how far it got";
    const auto first = as<SendProgress>(progress.front());
    EXPECT_EQ(first.total, SIZE + 4);
    EXPECT_GT(first.held, 0u) << "the pipe holds the first part of the message";
    EXPECT_LT(first.held, SIZE) << "the pipe cannot hold the whole message before the reader reads";
    const auto sends = mptest::ofType(sut.events, EventType::Send);
    ASSERT_EQ(sends.size(), 1u);
    EXPECT_GT(sends.front().seq, progress.back().seq) << "progress is reported while the send blocks, not after";
}

TEST_F(TelemetrySessionTest, AtCountersDetailQueueTrafficArrivesAsCounters)
{
    const mptest::Observed sut = mptest::observe(producerConsumer, Detail::Counters);

    EXPECT_TRUE(mptest::ofType(sut.events, EventType::PutCalled).empty());
    std::int64_t puts = 0;
    std::int64_t gets = 0;
    for (const Event& e : mptest::ofType(sut.events, EventType::Counters)) {
        if (!e.object)
            continue;
        puts = std::max(puts, e.actor.value == 1 ? e.a : puts);
        gets = std::max(gets, e.actor.value == 2 ? e.b : gets);
    }
    EXPECT_EQ(puts, 5);
    EXPECT_EQ(gets, 5);
}

// A session that cannot open its telemetry pipe says which call failed, and where, after CPython's words.
// The child runs out of descriptors for real: its RLIMIT_NOFILE is lowered to the lowest free one.
// Under the sanitizers a process without a free descriptor cannot be checked: UBSan's vptr check and TSan
// open pipes of their own to look at memory, and report a false error when they cannot.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool SANITIZED = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool SANITIZED = true;
#else
constexpr bool SANITIZED = false;
#endif
#else
constexpr bool SANITIZED = false;
#endif

TEST_F(TelemetrySessionTest, ASessionThatCannotOpenItsPipeNamesTheCallThatFailed)
{
    if (SANITIZED)
        GTEST_SKIP() << "a sanitizer needs free descriptors of its own to check a process that has none";
    auto [r, w] = mp::Pipe(false);
    mp::Process child([&] {
        const int lowestFree = ::dup(0);
        ::close(lowestFree);
        rlimit limit {};
        ::getrlimit(RLIMIT_NOFILE, &limit);
        limit.rlim_cur = static_cast<rlim_t>(lowestFree);
        ::setrlimit(RLIMIT_NOFILE, &limit);
        try {
            Session session(Detail::Full);
            w.send("no error");
        } catch (const mp::OSError& e) {
            w.send(std::string(e.what()) + "|" + e.call() + "|" + std::to_string(e.errnum()));
        }
    });
    child.start();
    w.close(); // if the child dies before it answers, recv() says EOFError instead of waiting for ever
    const std::string got = r.recv().as_str();
    child.join();
    ASSERT_EQ(child.exitcode(), 0);

    const std::string message = got.substr(0, got.find('|'));
    const std::string call = got.substr(got.find('|') + 1, got.rfind('|') - got.find('|') - 1);
    EXPECT_EQ(message.rfind("[Errno 24] Too many open files (pipe2 at session.cpp:", 0), 0U) << got;
    EXPECT_EQ(call.rfind("pipe2 at session.cpp:", 0), 0U) << got;
    EXPECT_EQ(got.substr(got.rfind('|') + 1), "24") << got;
}

} // namespace
