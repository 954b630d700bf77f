// SPDX-License-Identifier: MIT
#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/process.h>

#include "leftovers.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

class ProcessTest : public mptest::NoLeftovers { };

TEST_F(ProcessTest, NormalExitIsZero)
{
    mp::Process sut([] {});
    EXPECT_EQ(sut.exitcode(), std::nullopt);
    sut.start();
    sut.join();
    EXPECT_EQ(sut.exitcode(), 0);
    EXPECT_FALSE(sut.is_alive());
}

TEST_F(ProcessTest, AnEscapingExceptionPrintsAPythonStyleTracebackAndExitsWithOne)
{
    mp::Process sut([] { throw mp::ValueError("boom"); }, "Worker");
    testing::internal::CaptureStderr();
    sut.start();
    sut.join();
    const std::string err = testing::internal::GetCapturedStderr();

    EXPECT_EQ(sut.exitcode(), 1);
    EXPECT_NE(err.find("Process Worker:\nTraceback (most recent call last):"), std::string::npos) << err;
    EXPECT_NE(err.find("ValueError: boom\n"), std::string::npos) << err;
}

TEST_F(ProcessTest, SysExitSetsTheExitCode)
{
    mp::Process sut([] { mp::sys_exit(3); });
    sut.start();
    sut.join();
    EXPECT_EQ(sut.exitcode(), 3);
}

TEST_F(ProcessTest, KilledAndTerminatedChildrenReportMinusTheSignal)
{
    mp::Process killed([] { ::pause(); });
    mp::Process terminated([] { ::pause(); });
    killed.start();
    terminated.start();
    EXPECT_TRUE(killed.is_alive());

    killed.kill();
    terminated.terminate();
    killed.join();
    terminated.join();

    EXPECT_EQ(killed.exitcode(), -SIGKILL);
    EXPECT_EQ(terminated.exitcode(), -SIGTERM);
}

TEST_F(ProcessTest, JoinWithATimeoutReturnsWhileTheChildRuns)
{
    mp::Process sut([] { ::pause(); });
    sut.start();

    sut.join(0.1);

    EXPECT_TRUE(sut.is_alive());
    EXPECT_EQ(sut.exitcode(), std::nullopt);
    sut.kill();
    sut.join();
}

TEST_F(ProcessTest, NamesCountUpAndTheChildKnowsItsOwn)
{
    auto [r, w] = mp::Pipe(false);
    mp::Process first([&] { w.send(mp::tuple { mp::current_process().name(), mp::current_process().pid() }); });
    mp::Process second([] {});
    mp::Process named([] {}, "adder");

    first.start();
    const mp::tuple reply = r.recv().as_tuple();
    first.join();

    EXPECT_EQ(first.name().rfind("Process-", 0), 0U);
    EXPECT_EQ(std::stoi(second.name().substr(8)), std::stoi(first.name().substr(8)) + 1);
    EXPECT_EQ(named.name(), "adder");
    EXPECT_EQ(reply[0].as_str(), first.name());
    EXPECT_EQ(reply[1].as_int(), first.pid());
    EXPECT_EQ(mp::current_process().name(), "MainProcess");
}

TEST_F(ProcessTest, GrandchildrenAreNamedAfterTheirParent)
{
    auto [r, w] = mp::Pipe(false);
    mp::Process parent([&] {
        mp::Process child([&] { w.send(mp::current_process().name()); });
        child.start();
        child.join();
    });
    parent.start();
    const std::string name = r.recv().as_str();
    parent.join();
    EXPECT_EQ(name, parent.name() + ":1");
}

TEST_F(ProcessTest, DaemonicChildrenAreTerminatedWhenTheirParentExits)
{
    auto [r, w] = mp::Pipe(false);
    mp::Process parent([&] {
        mp::Process daemon([] { ::pause(); });
        daemon.set_daemon(true);
        daemon.start();
        w.send(daemon.pid());
    });
    parent.start();
    const auto daemonPid = static_cast<pid_t>(r.recv().as_int());
    parent.join(5.0);

    EXPECT_EQ(parent.exitcode(), 0);
    EXPECT_EQ(::kill(daemonPid, 0), -1) << "the daemonic grandchild outlived its parent";
}

TEST_F(ProcessTest, AParentWaitsForItsNonDaemonicChildrenBeforeExiting)
{
    auto [r, w] = mp::Pipe(false);
    mp::Process parent([&] {
        mp::Process slow([&] {
            ::usleep(200 * 1000);
            w.send("child done");
        });
        slow.start();
    });
    parent.start();
    parent.join();
    w.close();
    EXPECT_TRUE(r.poll()) << "the parent exited before its child finished";
    EXPECT_EQ(r.recv(), mp::Object("child done"));
}

TEST_F(ProcessTest, ThreadsMayStartJoinAndListChildrenAtOnce)
{
    // A program with threads: two start and join children while a third lists them and another joins the
    // same children. Every child is reaped once, with its own exit code (under TSan: no data race).
    constexpr int ROUNDS = 20;
    std::vector<mp::Process> started[2];
    std::atomic<bool> done { false };
    auto starter = [&](int which) {
        for (int i = 0; i < ROUNDS; ++i) {
            mp::Process p([i] { mp::sys_exit(i % 7); });
            p.start();
            started[which].push_back(p);
            if (i % 2 == 0)
                p.join();
        }
    };
    std::thread lister([&] {
        while (!done.load())
            for (mp::Process& p : mp::active_children())
                (void)p.exitcode();
    });
    std::thread a(starter, 0);
    std::thread b(starter, 1);
    a.join();
    b.join();
    std::thread joinerOfA([&] {
        for (mp::Process& p : started[0])
            p.join();
    });
    for (mp::Process& p : started[0])
        p.join();
    joinerOfA.join();
    for (mp::Process& p : started[1])
        p.join();
    done.store(true);
    lister.join();

    for (const auto& list : started)
        for (int i = 0; i < ROUNDS; ++i)
            EXPECT_EQ(list[static_cast<std::size_t>(i)].exitcode(), i % 7) << i;
    EXPECT_TRUE(mp::active_children().empty());
}

TEST_F(ProcessTest, MisuseRaisesWhatPythonRaises)
{
    mp::Process sut([] {});
    EXPECT_THROW(sut.join(), mp::AssertionError);
    sut.start();
    EXPECT_THROW(sut.start(), mp::AssertionError);
    EXPECT_THROW(sut.set_daemon(true), mp::AssertionError);
    sut.join();
}

TEST_F(ProcessTest, SentinelBecomesReadableWhenTheChildEnds)
{
    auto [r, w] = mp::Pipe(false);
    mp::Process sut([&] { r.recv(); });
    sut.start();
    pollfd pfd { sut.sentinel(), POLLIN, 0 };
    EXPECT_EQ(::poll(&pfd, 1, 50), 0);
    w.send(mp::None);
    EXPECT_EQ(::poll(&pfd, 1, 5000), 1);
    sut.join();
}

TEST_F(ProcessTest, SentinelStaysOpenAndReadableAfterJoin)
{
    mp::Process sut([] {});
    sut.start();
    sut.join();
    pollfd pfd { sut.sentinel(), POLLIN, 0 };
    ASSERT_GE(pfd.fd, 0);
    EXPECT_EQ(::poll(&pfd, 1, 0), 1);
    EXPECT_TRUE(pfd.revents & POLLIN);
}

TEST_F(ProcessTest, SentinelIsClosedWhenTheProcessGoes)
{
    int fd = -1;
    {
        mp::Process sut([] {});
        sut.start();
        sut.join();
        fd = sut.sentinel();
        ASSERT_GE(fd, 0);
        EXPECT_NE(::fcntl(fd, F_GETFD), -1);
    }
    errno = 0;
    EXPECT_EQ(::fcntl(fd, F_GETFD), -1);
    EXPECT_EQ(errno, EBADF);
}

} // namespace
