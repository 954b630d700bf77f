// SPDX-License-Identifier: MIT
// A process that dies holding a lock. Default: as CPython, the lock stays held for good, but waiters notice
// and say so. DeadHolder::Recover: the next waiter takes it over and is told (EOWNERDEAD).
#include <mp/connection.h>
#include <mp/process.h>
#include <mp/synchronize.h>

#include "leftovers.h"

namespace {

class DeadHolderTest : public mptest::NoLeftovers { };

template <typename L> void dieHolding(L& lock)
{
    auto [r, w] = mp::Pipe(false);
    mp::Process holder([&] {
        lock.acquire();
        w.send("holding");
        ::pause();
    });
    holder.start();
    r.recv();
    holder.kill();
    holder.join();
}

TEST_F(DeadHolderTest, ByDefaultALockHeldByTheDeadStaysHeldAndWaitersNotice)
{
    mp::Lock sut;
    dieHolding(sut);
    testing::internal::CaptureStderr();

    const bool got = sut.acquire(true, 0.3);

    const std::string err = testing::internal::GetCapturedStderr();
    EXPECT_FALSE(got);
    EXPECT_TRUE(sut.holder_died());
    EXPECT_NE(err.find("exited without releasing it"), std::string::npos) << err;
}

TEST_F(DeadHolderTest, WithRecoverTheNextWaiterTakesTheLockOver)
{
    mp::RLock sut(mp::DeadHolder::Recover);
    dieHolding(sut);

    ASSERT_TRUE(sut.acquire(true, 5.0));

    EXPECT_TRUE(sut.owner_died());
    EXPECT_TRUE(sut.is_mine());
    sut.release();
    EXPECT_EQ(sut.get_value(), 1);
    EXPECT_TRUE(sut.acquire(false));
    EXPECT_FALSE(sut.owner_died());
    sut.release();
}

} // namespace
