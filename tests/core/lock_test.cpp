// SPDX-License-Identifier: MIT
// Lock, RLock, Semaphore and BoundedSemaphore across forked processes (CPython items 61-70).
#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/process.h>
#include <mp/synchronize.h>

#include "leftovers.h"
#include "raises.h"
#include "shared_scratch.h"

#include <atomic>
#include <sched.h>
#include <unistd.h>

namespace {

class LockTest : public mptest::NoLeftovers { };

using mptest::messageOf;

// A read-yield-write increment that loses updates unless the lock serialises it.
void racyIncrements(volatile long& counter, int n, mp::Lock* lock)
{
    for (int i = 0; i < n; ++i) {
        if (lock)
            lock->acquire();
        const long seen = counter;
        sched_yield();
        counter = seen + 1;
        if (lock)
            lock->release();
    }
}

TEST_F(LockTest, ALockSerialisesTwoProcesses)
{
    mptest::SharedScratch<long> counter;
    mp::Lock sut;
    constexpr int N = 2000;
    mp::Process a([&] { racyIncrements(*counter, N, &sut); });
    mp::Process b([&] { racyIncrements(*counter, N, &sut); });

    a.start();
    b.start();
    a.join();
    b.join();

    EXPECT_EQ(*counter, 2 * N);
}

TEST_F(LockTest, ReleasingAnUnlockedLockRaises)
{
    mp::Lock sut;
    EXPECT_EQ(messageOf<mp::ValueError>([&] { sut.release(); }), "semaphore or lock released too many times");
}

TEST_F(LockTest, AnyProcessMayReleaseAHeldLock)
{
    mp::Lock sut;
    sut.acquire();
    mp::Process releaser([&] { sut.release(); });
    releaser.start();
    releaser.join();

    EXPECT_EQ(releaser.exitcode(), 0);
    EXPECT_TRUE(sut.acquire(false));
    sut.release();
}

TEST_F(LockTest, AcquireTimeoutAndNonBlocking)
{
    mp::Lock sut;
    ASSERT_TRUE(sut.acquire());
    EXPECT_FALSE(sut.acquire(false));
    EXPECT_FALSE(sut.acquire(true, 0.1));
    EXPECT_FALSE(sut.acquire(true, -1.0)); // a negative timeout is an immediate try
    sut.release();
    EXPECT_TRUE(sut.acquire(false, 100.0)); // block=false ignores the timeout
    sut.release();
}

TEST_F(LockTest, AWaiterWakesWhenAnotherProcessReleases)
{
    mp::Lock sut;
    sut.acquire();
    auto [r, w] = mp::Pipe(false);
    mp::Process waiter([&] { w.send(sut.acquire(true, 10.0)); });
    waiter.start();
    ::usleep(100 * 1000);

    sut.release();

    EXPECT_EQ(r.recv(), mp::Object(true));
    waiter.join();
}

TEST_F(LockTest, AChildDoesNotOwnWhatItsParentHeldAtFork)
{
    mp::RLock rlock;
    mp::Lock lock;
    rlock.acquire();
    lock.acquire();
    auto [r, w] = mp::Pipe(false);
    mp::Process child([&] { w.send(mp::tuple { rlock.is_mine(), rlock.acquire(false), lock.acquire(false) }); });
    child.start();
    const mp::tuple seen = r.recv().as_tuple();
    child.join();

    EXPECT_EQ(seen, (mp::tuple { false, false, false }));
    rlock.release();
    lock.release();
}

TEST_F(LockTest, RLockIsReentrantAndOwned)
{
    mp::RLock sut;
    EXPECT_EQ(sut.repr(), "<RLock(None, 0)>");
    sut.acquire();
    sut.acquire();
    EXPECT_EQ(sut.repr(), "<RLock(MainProcess, 2)>");
    sut.release();
    EXPECT_FALSE(sut.get_value() == 1);
    sut.release();
    EXPECT_EQ(sut.get_value(), 1);
    EXPECT_EQ(
        messageOf<mp::AssertionError>([&] { sut.release(); }), "attempt to release recursive lock not owned by thread");
}

TEST_F(LockTest, RLockHeldElsewhereCannotBeReleasedHere)
{
    mp::RLock sut;
    auto [r, w] = mp::Pipe(false);
    auto [r2, w2] = mp::Pipe(false);
    mp::Process holder([&] {
        sut.acquire();
        w.send("held");
        r2.recv();
        sut.release();
    });
    holder.start();
    r.recv();

    EXPECT_EQ(sut.repr(), "<RLock(SomeOtherProcess, nonzero)>");
    EXPECT_THROW(sut.release(), mp::AssertionError);
    w2.send("go");
    holder.join();
    EXPECT_EQ(holder.exitcode(), 0);
}

TEST_F(LockTest, LockReprNamesTheOwner)
{
    mp::Lock sut;
    EXPECT_EQ(sut.repr(), "<Lock(owner=None)>");
    sut.acquire();
    EXPECT_EQ(sut.repr(), "<Lock(owner=MainProcess)>");
    sut.release();
}

TEST_F(LockTest, SemaphoresCountAndBoundedOnesRefuseOverRelease)
{
    mp::Semaphore sem(2);
    mp::BoundedSemaphore bounded(2);
    EXPECT_EQ(sem.repr(), "<Semaphore(value=2)>");
    EXPECT_EQ(bounded.repr(), "<BoundedSemaphore(value=2, maxvalue=2)>");

    sem.release(); // past the initial value is allowed
    EXPECT_EQ(sem.get_value(), 3);
    EXPECT_EQ(messageOf<mp::ValueError>([&] { bounded.release(); }), "semaphore or lock released too many times");
    EXPECT_EQ(messageOf<mp::OSError>([] { mp::Semaphore bad(-1); }), "[Errno 22] Invalid argument");
}

TEST_F(LockTest, ASemaphoreCapsConcurrencyAcrossProcesses)
{
    struct Counts {
        std::atomic<int> ready;
        std::atomic<int> inside;
        std::atomic<int> most;
    };
    constexpr int WORKERS = 5;
    mptest::SharedScratch<Counts> counts;
    mp::Semaphore sut(2);
    std::vector<mp::Process> workers;
    for (int i = 0; i < WORKERS; ++i)
        workers.emplace_back([&] {
            // All start together: on a slow or loaded machine a worker could otherwise finish before the
            // next one is forked, and the semaphore would never be contended.
            ++counts->ready;
            while (counts->ready.load() < WORKERS)
                ::usleep(100);
            for (int k = 0; k < 20; ++k) {
                mp::Guard g(sut);
                const int now = ++counts->inside;
                int most = counts->most.load();
                while (now > most && !counts->most.compare_exchange_weak(most, now)) { }
                ::usleep(200);
                --counts->inside;
            }
        });
    for (auto& p : workers)
        p.start();
    for (auto& p : workers)
        p.join();

    EXPECT_EQ(counts->most.load(), 2);
}

} // namespace
