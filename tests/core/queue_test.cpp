// SPDX-License-Identifier: MIT
// Queue basics across processes: feeder lag, Full/Empty, qsize/full, ordering (CPython items 1-15, 22).
#include <mp/errors.h>
#include <mp/process.h>
#include <mp/queues.h>

#include "leftovers.h"

#include <chrono>
#include <map>

namespace {

class QueueTest : public mptest::NoLeftovers { };

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

TEST_F(QueueTest, EmptyIsTrueRightAfterPutWhileTheFeederHoldsTheItem)
{
    mp::Queue sut;
    sut.set_feeder_delay(0.3);

    sut.put(1);

    EXPECT_TRUE(sut.empty()); // the item is still in this process's buffer
    EXPECT_THROW(sut.get_nowait(), mp::Empty);
    EXPECT_EQ(sut.qsize(), 1); // qsize does not lag: it counts the semaphore
    EXPECT_EQ(sut.get(true, 5.0), mp::Object(1));
}

TEST_F(QueueTest, EmptyTurnsFalseOnceTheFeederHasWrittenTheItem)
{
    mp::Queue sut;
    sut.put("x");
    const auto t0 = std::chrono::steady_clock::now();
    while (sut.empty() && secondsSince(t0) < 5.0) { }
    EXPECT_FALSE(sut.empty());
    EXPECT_EQ(sut.get_nowait(), mp::Object("x"));
    EXPECT_TRUE(sut.empty());
}

TEST_F(QueueTest, BoundedPutRaisesFullAndGetRaisesEmpty)
{
    mp::Queue sut(2);
    sut.put(1);
    sut.put(2);
    EXPECT_TRUE(sut.full());
    EXPECT_THROW(sut.put_nowait(3), mp::Full);
    EXPECT_THROW(sut.put(3, false, 10.0), mp::Full); // block=false ignores the timeout
    EXPECT_THROW(sut.put(3, true, -1.0), mp::Full); // a negative timeout is an immediate try

    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_THROW(sut.put(3, true, 0.2), mp::Full);
    EXPECT_GE(secondsSince(t0), 0.19); // the timeout was waited out, not skipped

    EXPECT_EQ(sut.get(), mp::Object(1));
    EXPECT_EQ(sut.get(), mp::Object(2));
    EXPECT_THROW(sut.get(true, 0.2), mp::Empty);
    EXPECT_THROW(sut.get(true, -1.0), mp::Empty);
    EXPECT_THROW(sut.get_nowait(), mp::Empty);
}

TEST_F(QueueTest, FullAndEmptyCarryNoMessage)
{
    mp::Queue sut(1);
    sut.put(1);
    try {
        sut.put_nowait(2);
    } catch (const mp::Full& e) {
        EXPECT_STREQ(e.what(), "");
    }
}

TEST_F(QueueTest, AProcessBlockedInPutWakesWhenAnotherGets)
{
    mp::Queue sut(1);
    sut.put("first");
    mp::Process producer([&] { sut.put("second", true, 10.0); });
    producer.start();
    producer.join(0.2);
    EXPECT_TRUE(producer.is_alive()); // blocked on the full queue

    EXPECT_EQ(sut.get(), mp::Object("first"));
    EXPECT_EQ(sut.get(true, 10.0), mp::Object("second"));
    producer.join();
    EXPECT_EQ(producer.exitcode(), 0);
}

TEST_F(QueueTest, QsizeIsGlobalAcrossProcesses)
{
    mp::Queue sut;
    mp::Process producer([&] {
        for (int i = 0; i < 5; ++i)
            sut.put(i);
    });
    producer.start();
    producer.join();
    EXPECT_EQ(sut.qsize(), 5);
    sut.get();
    EXPECT_EQ(sut.qsize(), 4);
    for (int i = 0; i < 4; ++i)
        sut.get();
}

TEST_F(QueueTest, EachProducersItemsArriveInTheOrderItPutThem)
{
    mp::Queue sut;
    constexpr int PRODUCERS = 4;
    constexpr int ITEMS = 2000;
    std::vector<mp::Process> producers;
    for (int p = 0; p < PRODUCERS; ++p)
        producers.emplace_back([&, p] {
            for (int i = 0; i < ITEMS; ++i)
                sut.put(mp::tuple { p, i });
        });
    for (auto& p : producers)
        p.start();

    std::map<std::int64_t, std::int64_t> next;
    bool inOrder = true;
    for (int n = 0; n < PRODUCERS * ITEMS; ++n) {
        const mp::tuple item = sut.get(true, 10.0).as_tuple();
        inOrder = inOrder && item[1].as_int() == next[item[0].as_int()]++;
    }
    for (auto& p : producers)
        p.join();

    EXPECT_TRUE(inOrder);
    for (int p = 0; p < PRODUCERS; ++p)
        EXPECT_EQ(next[p], ITEMS);
    EXPECT_TRUE(sut.empty());
}

TEST_F(QueueTest, AnUnencodableItemIsReportedByTheFeederAndLaterPutsStillWork)
{
    mp::Queue sut;
    testing::internal::CaptureStderr();

    sut.put(std::string("\xff\xfe")); // not UTF-8: cannot be encoded, like an unpicklable object
    sut.put("fine");
    const mp::Object got = sut.get(true, 5.0);

    const std::string err = testing::internal::GetCapturedStderr();
    EXPECT_EQ(got, mp::Object("fine"));
    EXPECT_NE(err.find("Traceback (most recent call last):"), std::string::npos) << err;
    EXPECT_NE(err.find("UnicodeEncodeError"), std::string::npos) << err;
    EXPECT_EQ(sut.qsize(), 0); // the dropped item's slot was given back
}

} // namespace
