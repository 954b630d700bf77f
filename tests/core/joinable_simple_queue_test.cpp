// SPDX-License-Identifier: MIT
// JoinableQueue and SimpleQueue with real processes, and the seeds' sentinel patterns (items 26-30).
#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/process.h>
#include <mp/queues.h>

#include "leftovers.h"

namespace {

class JoinableSimpleQueueTest : public mptest::NoLeftovers { };

TEST_F(JoinableSimpleQueueTest, SeedDaemonConsumerWithTaskDoneLetsTheProducerJoin)
{
    mp::JoinableQueue q;
    auto [r, w] = mp::Pipe(false);
    mp::Process consumer([&] {
        for (;;) {
            const mp::Object item = q.get();
            w.send(item);
            q.task_done();
        }
    });
    consumer.set_daemon(true);
    consumer.start();
    for (const int item : { 1, 2, 3, 4 })
        q.put(item);

    q.join();

    for (const int item : { 1, 2, 3, 4 })
        EXPECT_EQ(r.recv(), mp::Object(item));
    consumer.terminate(); // what the interpreter does to a daemon at exit
    consumer.join();
}

TEST_F(JoinableSimpleQueueTest, AForgottenTaskDoneLeavesJoinWaiting)
{
    mp::JoinableQueue q;
    mp::Process consumer([&] {
        q.get();
        q.task_done();
        q.get(); // second item taken but never marked done
        ::pause();
    });
    consumer.set_daemon(true);
    consumer.start();
    mp::Process joiner([&] { q.join(); });
    q.put(1);
    q.put(2);
    joiner.start();

    joiner.join(0.5);

    EXPECT_TRUE(joiner.is_alive()) << "join() returned with a task still unfinished";
    q.task_done(); // any process may mark it done
    joiner.join(5.0);
    EXPECT_EQ(joiner.exitcode(), 0);
    consumer.kill();
    consumer.join();
}

TEST_F(JoinableSimpleQueueTest, OneTaskDoneTooManyRaises)
{
    mp::JoinableQueue q;
    q.put(1);
    q.get(true, 5.0);
    q.task_done();
    try {
        q.task_done();
        FAIL();
    } catch (const mp::ValueError& e) {
        EXPECT_STREQ(e.what(), "task_done() called too many times");
    }
    q.join(); // nothing unfinished: returns at once
}

void sentinelConsumer(mp::Queue& q, mp::Connection& done)
{
    for (;;) {
        const mp::Object item = q.get();
        if (item.is_none())
            break;
    }
    done.send(mp::current_process().name());
}

TEST_F(JoinableSimpleQueueTest, OneSentinelPerConsumerStopsThePool)
{
    mp::Queue q;
    auto [r, w] = mp::Pipe(false);
    std::vector<mp::Process> consumers;
    for (int i = 0; i < 3; ++i)
        consumers.emplace_back([&] { sentinelConsumer(q, w); });
    for (auto& c : consumers)
        c.start();
    for (int item = 0; item < 10; ++item)
        q.put(item);
    for (int i = 0; i < 3; ++i)
        q.put(mp::None);
    for (auto& c : consumers) {
        c.join(10.0);
        EXPECT_EQ(c.exitcode(), 0);
    }
}

TEST_F(JoinableSimpleQueueTest, WithOneSentinelTooFewAConsumerWaitsForever)
{
    mp::Queue q;
    auto [r, w] = mp::Pipe(false);
    std::vector<mp::Process> consumers;
    for (int i = 0; i < 3; ++i)
        consumers.emplace_back([&] { sentinelConsumer(q, w); });
    for (auto& c : consumers)
        c.start();
    q.put(mp::None);
    q.put(mp::None);
    r.recv();
    r.recv();

    EXPECT_FALSE(r.poll(0.5)) << "a third consumer stopped without a sentinel";
    int alive = 0;
    for (auto& c : consumers)
        alive += c.is_alive() ? 1 : 0;
    EXPECT_EQ(alive, 1);

    q.put(mp::None);
    for (auto& c : consumers)
        c.join(10.0);
}

TEST_F(JoinableSimpleQueueTest, SimpleQueueSeesAPutAtOnceAndWorksAcrossProcesses)
{
    mp::SimpleQueue sut;
    EXPECT_TRUE(sut.empty());
    sut.put("now");
    EXPECT_FALSE(sut.empty()); // no feeder, no lag
    EXPECT_EQ(sut.get(), mp::Object("now"));

    mp::Process producer([&] {
        for (int i = 0; i < 100; ++i)
            sut.put(i);
    });
    producer.start();
    std::int64_t sum = 0;
    for (int i = 0; i < 100; ++i)
        sum += sut.get().as_int();
    producer.join();
    EXPECT_EQ(sum, 4950);
}

TEST_F(JoinableSimpleQueueTest, SimpleQueueRaisesEncodingErrorsInTheCallerAndIsClosedAfterClose)
{
    mp::SimpleQueue sut;
    EXPECT_THROW(sut.put(std::string("\xff")), mp::UnicodeEncodeError);
    sut.close();
    sut.close();
    try {
        sut.get();
        FAIL();
    } catch (const mp::OSError& e) {
        EXPECT_STREQ(e.what(), "handle is closed");
    }
    EXPECT_THROW(sut.put(1), mp::OSError);
    EXPECT_THROW(sut.empty(), mp::OSError);
}

} // namespace
