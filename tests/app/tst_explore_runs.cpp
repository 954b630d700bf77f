// SPDX-License-Identifier: MIT
// Run → Find a schedule that … through the real mpstage-host: the explorer finds value-increment's lost update
// with 2 processes × 1 increment, and the schedule it found, stepped through on the stage, loses it for real.

#include "run/explore_job.h"
#include "run/run_controller.h"
#include "ui/explore_panel.h"
#include "ui/main_window.h"

#include "leftovers.h"

#include <QAction>
#include <QDir>
#include <QPushButton>
#include <QTest>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace mpstage::app;
using mp::telemetry::ObjectKind;

namespace {

// Every process under `pid`, now.
std::vector<int> descendants(int pid)
{
    const std::map<int, int> parents = mptest::processParents();
    std::vector<int> out { pid };
    for (std::size_t i = 0; i < out.size(); ++i)
        for (const auto& [child, parent] : parents)
            if (parent == out[i])
                out.push_back(child);
    out.erase(out.begin());
    return out;
}

// /dev/shm entries that were not there before.
int newShm(const std::set<std::string>& before)
{
    int n = 0;
    for (const std::string& e : mptest::shmEntries())
        n += before.count(e) ? 0 : 1;
    return n;
}

} // namespace

class TestExploreRuns : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qputenv("MPSTAGE_HOST", MPSTAGE_HOST_BIN); }

    void theExplorerFindsTheLostUpdateAndItsScheduleLosesItStepByStep()
    {
        MainWindow w;
        w.resize(1280, 720);
        QVERIFY(w.openScene(QStringLiteral("value-increment"), { { "processes", "2" }, { "increments", "1" } }));
        auto* find = w.findChild<QAction*>(QStringLiteral("findScheduleAction"));
        QVERIFY(find);
        QVERIFY(!find->shortcut().isEmpty());
        find->trigger();
        ExplorePanel* panel = w.explorePanel();
        QVERIFY(panel);
        QVERIFY(panel->job().running());
        QVERIFY(panel->stopButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->job().running(), 170000);
        QVERIFY2(panel->job().state() == ExploreJob::State::Found, qPrintable(panel->text()));
        QVERIFY(panel->job().found()->words.find("lost") != std::string::npos);
        QVERIFY2(panel->text().contains(QStringLiteral("Found a bad interleaving")), qPrintable(panel->text()));
        QVERIFY(panel->replayButton()->isEnabled());
        QVERIFY(!panel->stopButton()->isEnabled());

        panel->replayButton()->click();
        RunController& c = w.controller();
        QVERIFY(c.plan().active());
        const std::size_t steps = c.plan().size();
        QCOMPARE(static_cast<int>(steps), panel->job().found()->grants);
        // Each → gives the schedule's next grant once its process waits at a gate and the others have settled.
        for (std::size_t i = 0; i < steps; ++i) {
            c.step();
            QTRY_VERIFY_WITH_TIMEOUT(c.plan().done() == i + 1 || c.state().ended(), 20000);
            if (c.state().ended())
                break;
        }
        // After the schedule, ordinary steps until the processes are done.
        for (int i = 0; i < 200 && !c.state().ended(); ++i) {
            c.step();
            QTest::qWait(20);
        }
        QTRY_VERIFY_WITH_TIMEOUT(c.state().ended(), 20000);
        const mp::telemetry::World& world = c.state().world();
        const mp::telemetry::ValueState* value = nullptr;
        for (const auto* o : world.objects())
            if (o->kind == ObjectKind::Value)
                value = world.value(o->id);
        QVERIFY(value);
        QVERIFY(value->lostWrites() >= 1);
        const auto* cell = value->cell(0);
        QVERIFY(cell);
        QCOMPARE(cell->repr, std::string("1")); // two increments, one visible
        QVERIFY2(c.state().asDeclared(), c.state().outcome().c_str()); // the scene declares it loses updates
    }

    // Goal mode: value_increment.py declares "make both processes lose an update"; stepping the found schedule
    // by hand reaches it, and the banner says in how many steps, beside the explorer's.
    void steppingTheFoundScheduleReachesTheScenesGoal()
    {
        MainWindow w;
        w.resize(1280, 720);
        const QString file = QStringLiteral(MPSTAGE_PROGRAMS_DIR "/value_increment.py");
        QVERIFY(w.openScene(file, { { "processes", "2" }, { "increments", "1" } }));
        QVERIFY(w.scene() && w.scene()->goal.declared());
        w.findSchedule();
        ExplorePanel* panel = w.explorePanel();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->job().running(), 170000);
        QVERIFY2(panel->job().state() == ExploreJob::State::Found, qPrintable(panel->text()));
        const int explorerSteps = panel->job().found()->grants;
        panel->replayFound();
        RunController& c = w.controller();
        for (int i = 0; i < 400 && !c.state().ended(); ++i) {
            const std::size_t done = c.plan().done();
            c.step();
            if (c.plan().active())
                QTRY_VERIFY_WITH_TIMEOUT(c.plan().done() == done + 1 || c.state().ended(), 20000);
            else
                QTest::qWait(20);
        }
        QTRY_VERIFY_WITH_TIMEOUT(c.state().ended(), 20000);
        const QString words = c.messageText();
        QVERIFY2(
            words.contains(
                QStringLiteral("Goal reached: make both processes lose an update, in %1 steps.").arg(c.stepsGiven())),
            qPrintable(words));
        QVERIFY2(words.contains(QStringLiteral("The explorer's schedule did it in %1 steps.").arg(explorerSteps)),
            qPrintable(words));
        QVERIFY(c.stepsGiven() >= explorerSteps);
    }

    void stopEndsTheExplorerAndLeavesNothingBehind()
    {
        const std::set<std::string> shmBefore = mptest::shmEntries();
        MainWindow w;
        w.resize(1280, 720);
        QVERIFY(w.openScene(
            QStringLiteral("value-increment"), { { "processes", "3" }, { "increments", "2" }, { "lock", "true" } }));
        w.findChild<QAction*>(QStringLiteral("findScheduleAction"))->trigger();
        ExploreJob& job = w.explorePanel()->job();
        QVERIFY(job.running());
        // Progress: once the search with no preemption is done, the window says what it found so far.
        QTRY_VERIFY_WITH_TIMEOUT(job.report().read, 60000);
        QVERIFY(job.running());
        QCOMPARE(job.bound(), 1);
        const QString progress = w.explorePanel()->text();
        QVERIFY2(progress.contains(QStringLiteral("Trying every schedule with at most 1 preemption …")),
            qPrintable(progress));
        QVERIFY2(progress.contains(
                     QStringLiteral("So far, with at most 0 preemptions: %1 schedule").arg(job.report().tried)),
            qPrintable(progress));
        QVERIFY2(progress.contains(QStringLiteral("good ")), qPrintable(progress));
        const int pid = static_cast<int>(job.pid());
        QVERIFY(mptest::running(pid));
        std::vector<int> under;
        const auto runProcesses = [&] { // a run's processes, mid-run
            under = descendants(pid);
            return !under.empty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(runProcesses(), 10000);
        w.explorePanel()->stopButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!job.running(), 30000);
        QCOMPARE(job.state(), ExploreJob::State::Stopped);
        QVERIFY2(
            w.explorePanel()->text().contains(QStringLiteral("Stopped after")), qPrintable(w.explorePanel()->text()));
        QVERIFY2(w.explorePanel()->text().contains(QStringLiteral("with at most 0 preemptions tried, none bad")),
            qPrintable(w.explorePanel()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!mptest::running(pid), 5000);
        for (const int p : under)
            QTRY_VERIFY_WITH_TIMEOUT(!mptest::running(p), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(newShm(shmBefore), 0, 5000);
    }
};

QTEST_MAIN(TestExploreRuns)
#include "tst_explore_runs.moc"
