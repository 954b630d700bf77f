// SPDX-License-Identifier: MIT
// Barrier across processes (CPython items 78-80).
#include <mp/condition.h>
#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/process.h>

#include "leftovers.h"
#include "shared_scratch.h"

#include <algorithm>
#include <atomic>

namespace {

class BarrierTest : public mptest::NoLeftovers { };

TEST_F(BarrierTest, ThreeProcessesMeetAndTheActionRunsOncePerGeneration)
{
    mptest::SharedScratch<std::atomic<int>> actions;
    mp::Barrier sut(3, [&] { ++*actions; });
    auto [r, w] = mp::Pipe(false);
    std::vector<mp::Process> parties;
    for (int i = 0; i < 3; ++i)
        parties.emplace_back([&] {
            const int first = sut.wait(10.0);
            const int second = sut.wait(10.0); // cyclic: the same barrier again
            w.send(mp::tuple { first, second });
        });
    for (auto& p : parties)
        p.start();
    std::vector<std::int64_t> firsts;
    for (int i = 0; i < 3; ++i)
        firsts.push_back(r.recv().as_tuple()[0].as_int());
    for (auto& p : parties)
        p.join();

    std::sort(firsts.begin(), firsts.end());
    EXPECT_EQ(firsts, (std::vector<std::int64_t> { 0, 1, 2 }));
    EXPECT_EQ(actions->load(), 2);
}

TEST_F(BarrierTest, ATimeoutBreaksTheBarrierForEveryone)
{
    mp::Barrier sut(3);
    auto [r, w] = mp::Pipe(false);
    mp::Process early([&] {
        try {
            sut.wait(0.2);
            w.send("passed");
        } catch (const mp::BrokenBarrierError&) {
            w.send("broken");
        }
    });
    early.start();
    EXPECT_EQ(r.recv(), mp::Object("broken"));
    early.join();

    EXPECT_TRUE(sut.broken());
    EXPECT_THROW(sut.wait(), mp::BrokenBarrierError);
    sut.reset();
    EXPECT_FALSE(sut.broken());
}

TEST_F(BarrierTest, AbortWakesWaitersWithBrokenBarrierError)
{
    mp::Barrier sut(2);
    auto [r, w] = mp::Pipe(false);
    mp::Process waiter([&] {
        try {
            sut.wait(10.0);
            w.send("passed");
        } catch (const mp::BrokenBarrierError&) {
            w.send("broken");
        }
    });
    waiter.start();
    while (sut.n_waiting() == 0)
        ::usleep(1000);

    sut.abort();

    EXPECT_EQ(r.recv(), mp::Object("broken"));
    waiter.join();
}

TEST_F(BarrierTest, ABarrierOfOneReturnsZero)
{
    mp::Barrier sut(1);
    EXPECT_EQ(sut.wait(), 0);
    EXPECT_EQ(sut.parties(), 1);
}

TEST_F(BarrierTest, AnExceptionInTheActionBreaksTheBarrier)
{
    mp::Barrier sut(1, [] { throw mp::ValueError("action failed"); });
    EXPECT_THROW(sut.wait(), mp::ValueError);
    EXPECT_THROW(sut.wait(), mp::BrokenBarrierError);
}

} // namespace
