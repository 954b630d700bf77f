// SPDX-License-Identifier: MIT
// Condition and Event across processes (CPython items 71-77).
#include <mp/condition.h>
#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/process.h>

#include "leftovers.h"
#include "shared_scratch.h"

#include <unistd.h>

namespace {

class ConditionEventTest : public mptest::NoLeftovers { };

TEST_F(ConditionEventTest, UsingAConditionWithoutItsLockRaises)
{
    mp::Condition sut;
    try {
        sut.wait(0.01);
        FAIL();
    } catch (const mp::AssertionError& e) {
        EXPECT_STREQ(e.what(), "must acquire() condition before using wait()");
    }
    try {
        sut.notify();
        FAIL();
    } catch (const mp::AssertionError& e) {
        EXPECT_STREQ(e.what(), "lock is not owned");
    }
}

TEST_F(ConditionEventTest, WaitTimesOutWithFalse)
{
    mp::Condition sut;
    mp::Guard g(sut);
    EXPECT_FALSE(sut.wait(0.05));
    EXPECT_TRUE(sut.wait_for([] { return true; }, 0.0));
}

TEST_F(ConditionEventTest, NotifyWakesAWaiterInAnotherProcess)
{
    mptest::SharedScratch<int> ready;
    mp::Condition sut;
    auto [r, w] = mp::Pipe(false);
    mp::Process waiter([&] {
        mp::Guard g(sut);
        w.send(sut.wait_for([&] { return *ready == 1; }, 10.0));
    });
    waiter.start();
    ::usleep(50 * 1000);
    {
        mp::Guard g(sut);
        *ready = 1;
        sut.notify_all();
    }
    EXPECT_EQ(r.recv(), mp::Object(true));
    waiter.join();
}

TEST_F(ConditionEventTest, WaitReleasesEveryRecursionLevel)
{
    mp::RLock lock;
    mp::Condition sut(lock);
    sut.acquire();
    sut.acquire();
    mp::Process other([&] {
        mp::Guard g(sut); // would hang if wait() kept one level
        sut.notify();
    });
    other.start();
    EXPECT_TRUE(sut.wait(10.0));
    EXPECT_EQ(lock.count(), 2);
    sut.release();
    sut.release();
    other.join();
}

TEST_F(ConditionEventTest, OneSetWakesEveryWaiterInEveryProcess)
{
    mp::Event sut;
    auto [r, w] = mp::Pipe(false);
    std::vector<mp::Process> waiters;
    for (int i = 0; i < 3; ++i)
        waiters.emplace_back([&] { w.send(sut.wait(10.0)); });
    for (auto& p : waiters)
        p.start();
    ::usleep(50 * 1000);
    EXPECT_FALSE(sut.is_set());

    sut.set();

    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(r.recv(), mp::Object(true));
    for (auto& p : waiters)
        p.join();
    EXPECT_TRUE(sut.is_set());
}

TEST_F(ConditionEventTest, EventWaitTimesOutAndClearResets)
{
    mp::Event sut;
    EXPECT_FALSE(sut.wait(0.05));
    sut.set();
    sut.set();
    EXPECT_TRUE(sut.wait(0.0));
    sut.clear();
    EXPECT_FALSE(sut.is_set());
}

} // namespace
