// SPDX-License-Identifier: MIT
// The window, run after run: every scene in turn through the real mpstage-host, each run left to end or
// stopped while live, a random tenth with a process or the host SIGKILLed. After every run no process of it
// is left (not running, not a zombie), /dev/shm holds nothing it made, and the window's memory stays flat.
// MPSTAGE_APP_SOAK_RUNS sets the count (CTest: 40; `./dev soak`: 1,000).

#include "leftovers.h"
#include "run/run_controller.h"
#include "ui/main_window.h"
#include "ui/transport.h"

#include <mpstage/scene_info.h>

#include <QTest>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <malloc.h>
#include <random>

using namespace mpstage::app;

namespace {

long residentKiB()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    statm >> pages >> resident;
    return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

// The window's memory with no run record held (the last run's events, kept for scrubbing, are dropped as
// the next run starts) and the freed heap handed back to the system, so that two readings compare what is
// live, not how high the allocator's heap once reached.
long settledKiB(MainWindow& w)
{
    w.controller().clear();
    QCoreApplication::processEvents();
    ::malloc_trim(0);
    return residentKiB();
}

// Every process below `root` in the process tree.
std::vector<int> below(int root)
{
    const auto parents = mptest::processParents();
    std::vector<int> out;
    std::vector<int> frontier { root };
    while (!frontier.empty()) {
        const int p = frontier.back();
        frontier.pop_back();
        for (const auto& [pid, parent] : parents)
            if (parent == p) {
                out.push_back(pid);
                frontier.push_back(pid);
            }
    }
    return out;
}

} // namespace

class TestAppSoak : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!qEnvironmentVariableIsSet("MPSTAGE_HOST"))
            qputenv("MPSTAGE_HOST", MPSTAGE_HOST_BIN);
    }

    void runAfterRunNothingIsLeftAndMemoryStaysFlat()
    {
        const long runs = qEnvironmentVariableIsSet("MPSTAGE_APP_SOAK_RUNS")
            ? qEnvironmentVariableIntValue("MPSTAGE_APP_SOAK_RUNS")
            : 40;
        const auto& scenes = mpstage::sceneInfos();
        std::mt19937 random(20261123);
        const std::set<std::string> shmBefore = mptest::shmEntries();
        MainWindow w;
        long warm = 0;
        long killedActors = 0;
        long killedHosts = 0;
        for (long i = 0; i < runs; ++i) {
            QVERIFY(w.openScene(QString::fromStdString(scenes[static_cast<std::size_t>(i) % scenes.size()].id)));
            w.transport().runAction()->trigger();
            RunController& c = w.controller();
            const int fault = std::uniform_int_distribution<int>(0, 19)(random); // 0: an actor, 1: the host
            const int waitMs = std::uniform_int_distribution<int>(20, 1500)(random);
            if (fault <= 1) {
                (void)QTest::qWaitFor([&] { return c.hostPid() > 0 && below(int(c.hostPid())).size() >= 2; }, 2000);
                const int host = int(c.hostPid());
                const auto actors = below(host);
                if (fault == 0 && !actors.empty()) {
                    ::kill(actors.back(), SIGKILL);
                    ++killedActors;
                } else if (fault == 1 && host > 0) {
                    ::kill(host, SIGKILL);
                    ++killedHosts;
                }
            }
            (void)QTest::qWaitFor([&] { return !c.active(); }, waitMs); // ended by itself, or still going
            c.stop();
            QVERIFY2(QTest::qWaitFor([&] { return !c.active(); }, 15000), qPrintable(c.messageText()));
            // the host and everything it started are gone (a killed host's actors die with it)
            QVERIFY2(QTest::qWaitFor([&] { return below(int(::getpid())).empty(); }, 10000),
                qPrintable(QStringLiteral("run %1 (%2) left processes behind")
                               .arg(i)
                               .arg(QString::fromStdString(c.scene()->id))));
            // warm once every scene has been shown (its listing, its figures' glyphs) and a quarter has run
            if (i == std::min<long>(runs - 1, std::max<long>(runs / 4, static_cast<long>(scenes.size()))))
                warm = settledKiB(w);
        }
        QTest::qWait(200); // the shared memory tracker of a killed run unlinks what it held
        std::set<std::string> left;
        for (const std::string& e : mptest::shmEntries())
            if (!shmBefore.count(e))
                left.insert(e);
        QVERIFY2(left.empty(), left.empty() ? "" : left.begin()->c_str());
        const long end = settledKiB(w);
        std::printf("app soak: %ld runs (%ld with an actor killed, %ld with the host killed), 0 processes left, "
                    "window RSS %ld KiB once every scene had run, %ld KiB at the end\n",
            runs, killedActors, killedHosts, warm, end);
        // What stays from run to run is Qt's caches (fonts, glyphs).
        QVERIFY2(end - warm < 16 * 1024, qPrintable(QStringLiteral("grew by %1 KiB").arg(end - warm)));
    }
};

QTEST_MAIN(TestAppSoak)
#include "tst_app_soak.moc"
