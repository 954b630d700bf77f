// SPDX-License-Identifier: MIT
// A Queue's life across fork and exit: close, join_thread, cancel_join_thread, the flush at exit and the
// join-before-drain deadlock (CPython items 16-23).
#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/process.h>
#include <mp/queues.h>

#include "leftovers.h"

namespace {

class QueueLifecycleTest : public mptest::NoLeftovers { };

// 200 items of 1 KiB: about three times what a Linux pipe holds (64 KiB).
constexpr int BIG_ITEMS = 200;
const mp::Bytes KIB(std::string(1024, 'q'));

TEST_F(QueueLifecycleTest, JoiningAProducerBeforeDrainingItsQueueDeadlocks)
{
    mp::Queue sut;
    mp::Process producer([&] {
        for (int i = 0; i < BIG_ITEMS; ++i)
            sut.put(KIB);
    });
    producer.start();

    producer.join(0.5); // bounded: the real program would wait here forever

    EXPECT_TRUE(producer.is_alive()) << "the producer exited although its feeder could not flush";
    for (int i = 0; i < BIG_ITEMS; ++i) // draining unblocks the producer's feeder
        sut.get(true, 10.0);
    producer.join(10.0);
    EXPECT_EQ(producer.exitcode(), 0);
}

TEST_F(QueueLifecycleTest, DrainingFirstThenJoiningWorks)
{
    mp::Queue sut;
    mp::Process producer([&] {
        for (int i = 0; i < BIG_ITEMS; ++i)
            sut.put(i);
    });
    producer.start();
    std::int64_t sum = 0;
    for (int i = 0; i < BIG_ITEMS; ++i)
        sum += sut.get(true, 10.0).as_int();
    producer.join(10.0);

    EXPECT_EQ(producer.exitcode(), 0);
    EXPECT_EQ(sum, BIG_ITEMS * (BIG_ITEMS - 1) / 2);
}

TEST_F(QueueLifecycleTest, SmallItemsThatFitInThePipeDoNotBlockExit)
{
    mp::Queue sut;
    mp::Process producer([&] { sut.put("small"); });
    producer.start();
    producer.join(10.0);
    EXPECT_EQ(producer.exitcode(), 0);
    EXPECT_EQ(sut.get(true, 1.0), mp::Object("small"));
}

TEST_F(QueueLifecycleTest, CancelJoinThreadLetsTheProducerExitAndLosesAnInOrderSuffix)
{
    mp::Queue sut;
    mp::Process producer([&] {
        sut.cancel_join_thread();
        for (int i = 0; i < BIG_ITEMS; ++i)
            sut.put(mp::tuple { i, KIB });
    });
    producer.start();
    producer.join(10.0);
    ASSERT_EQ(producer.exitcode(), 0);

    int received = 0;
    bool prefix = true;
    while (sut.qsize() > 0) {
        try {
            const mp::tuple item = sut.get(true, 0.2).as_tuple();
            prefix = prefix && item[0].as_int() == received;
            ++received;
        } catch (const mp::Empty&) {
            break;
        }
    }
    EXPECT_TRUE(prefix);
    EXPECT_LT(received, BIG_ITEMS);
    EXPECT_EQ(sut.qsize(), BIG_ITEMS - received); // qsize still counts the lost items
}

TEST_F(QueueLifecycleTest, CloseStillFlushesWhatIsBufferedAndRefusesLaterPuts)
{
    mp::Queue sut;
    auto [r, w] = mp::Pipe(false);
    mp::Process producer([&] {
        sut.set_feeder_delay(0.01);
        for (int i = 0; i < 5; ++i)
            sut.put(i);
        sut.close();
        try {
            sut.put(99);
        } catch (const mp::ValueError& e) {
            w.send(e.what());
        }
        sut.join_thread();
    });
    producer.start();
    const std::string message = r.recv().as_str();
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(sut.get(true, 5.0), mp::Object(i));
    producer.join();

    EXPECT_EQ(message.rfind("Queue <multiprocessing.queues.Queue object at 0x", 0), 0U) << message;
    EXPECT_EQ(message.substr(message.size() - 11), "> is closed");
}

TEST_F(QueueLifecycleTest, JoinThreadBeforeCloseIsAnAssertion)
{
    mp::Queue sut;
    EXPECT_THROW(sut.join_thread(), mp::AssertionError);
    sut.close();
    sut.close(); // twice is fine
    sut.join_thread(); // no feeder ever ran: returns at once
    EXPECT_THROW(sut.get_nowait(), mp::ValueError);
}

TEST_F(QueueLifecycleTest, AfterCloseTheFeederClosesThePipeSoEmptyRaises)
{
    mp::Queue sut;
    sut.put(1);
    sut.close();
    sut.join_thread();
    try {
        sut.empty();
        FAIL() << "empty() answered after the feeder closed the reader";
    } catch (const mp::OSError& e) {
        EXPECT_STREQ(e.what(), "handle is closed");
    }
}

TEST_F(QueueLifecycleTest, AChildStartsWithAFreshBufferAndItsOwnFeeder)
{
    mp::Queue sut;
    sut.set_feeder_delay(0.3);
    sut.put("parent"); // still in the parent's buffer when the child forks
    mp::Process child([&] {
        sut.set_feeder_delay(0.0);
        sut.put("child");
    });
    child.start();
    child.join(10.0);
    ASSERT_EQ(child.exitcode(), 0);

    EXPECT_EQ(sut.get(true, 5.0), mp::Object("child")); // the child did not inherit "parent" in a buffer
    EXPECT_EQ(sut.get(true, 5.0), mp::Object("parent"));
}

} // namespace

// The last handle of a queue whose join was cancelled goes while its feeder still writes: the feeder keeps
// what it uses (the locks, the pipe) until it has written what was put, then frees the queue. Before, the
// queue's locks were unmapped under the running feeder (SIGSEGV in its next acquire).
TEST_F(QueueLifecycleTest, AQueueDroppedAfterCancelJoinThreadDoesNotPullTheLocksFromUnderItsFeeder)
{
    mp::Process sut([] {
        for (int i = 0; i < 200; ++i) {
            mp::Queue q;
            q.put(i);
            q.cancel_join_thread();
        }
    });
    sut.start();
    sut.join(30.0);
    EXPECT_EQ(sut.exitcode(), 0);
}
