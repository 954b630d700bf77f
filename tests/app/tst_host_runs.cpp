// SPDX-License-Identifier: MIT
// End to end through the real mpstage-host: real processes, the real stream, the whole window.

#include "run/run_controller.h"
#include "stage/actor_figure.h"
#include "stage/stage_scene.h"
#include "stage/token_item.h"
#include "timeline/scrubber.h"
#include "ui/banner.h"
#include "ui/console_model.h"
#include "ui/main_window.h"
#include "ui/transport.h"

#include <mpstage/scene_info.h>

#include <QAction>
#include <QDir>
#include <QTest>

#include <cerrno>
#include <csignal>

using namespace mpstage::app;
using mp::telemetry::ActorId;
using mp::telemetry::ActorStatus;

namespace {

constexpr ActorId MAIN { 1 };
constexpr ActorId P1 { 2 };

const mp::telemetry::World& world(const MainWindow& w)
{
    return w.controller().state().world();
}

bool alive(qint64 pid)
{
    if (pid <= 0)
        return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0)
        return errno != ESRCH;
    return true;
}

bool consoleHas(const MainWindow& w, const QString& text)
{
    for (int i = 0; i < w.console().rowCount(); ++i)
        if (w.console().index(i).data().toString().endsWith(text))
            return true;
    return false;
}

} // namespace

class TestHostRuns : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qputenv("MPSTAGE_HOST", MPSTAGE_HOST_BIN); }

    void unclosedPipeEndHangsAndTheBannerNamesWhoHoldsIt()
    {
        MainWindow w;
        w.resize(1920, 1080);
        QVERIFY(w.openScene(QStringLiteral("pipe-eof"), { { "close_unused", "false" } }));

        w.transport().runAction()->trigger();

        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().hang().empty(), 20000);
        QCOMPARE(w.banner().kind(), MessageKind::Hang);
        const QString banner = w.banner().text();
        QVERIFY2(banner.contains(QStringLiteral("Process-1")) && banner.contains(QStringLiteral("recv()")),
            qPrintable(banner));
        QVERIFY2(
            banner.contains(QStringLiteral("MainProcess")), qPrintable(banner)); // it waits in join() for Process-1
        bool aboutConsumer = false;
        for (const auto& s : w.controller().hang())
            if (s.actor == P1) {
                aboutConsumer = true;
                QVERIFY(!s.endpoints.empty()); // the copy of the write end it holds itself
            }
        QVERIFY(aboutConsumer);
        QVERIFY(w.stage().actorFigure(P1)->highlighted());
        QCOMPARE(world(w).actor(P1)->status, ActorStatus::Blocked);
        QVERIFY(consoleHas(w, QStringLiteral("4"))); // it got every item before it hung

        w.controller().stop();
        QTRY_COMPARE_WITH_TIMEOUT(w.controller().phase(), RunPhase::Ended, 10000);
        QVERIFY(w.banner().text().startsWith(QStringLiteral("Stopped while hung")));
        // The stage keeps the hang as it was when Stop was pressed, which is what the banner speaks of; the kills
        // that ended the run (MainProcess gone, its ends closed) are in the record, for the timeline.
        const mp::telemetry::World& shown = w.scrubber().shown().world();
        mp::telemetry::ObjectId pipe {};
        for (const auto* o : shown.objects())
            if (o->kind == mp::telemetry::ObjectKind::Pipe)
                pipe = o->id;
        QVERIFY(pipe.value != 0);
        QVERIFY(!w.scrubber().looking());
        QCOMPARE(shown.actor(P1)->status, ActorStatus::Blocked);
        QVERIFY(!shown.endpoints().holders(pipe, 1).empty()); // the write end Process-1 never closed
        // the live World: MainProcess was killed by Stop and its ends closed with it
        QTRY_COMPARE_WITH_TIMEOUT(world(w).actor(MAIN)->status, ActorStatus::Exited, 10000);
        QCOMPARE(shown.actor(MAIN)->status, ActorStatus::Blocked);
    }

    void queueEndsWithEveryTokenDeliveredAndTheSentinelConsumed()
    {
        MainWindow w;
        w.resize(1920, 1080);
        QVERIFY(w.openScene(QStringLiteral("queue-sentinel")));

        w.transport().runAction()->trigger();

        QTRY_COMPARE_WITH_TIMEOUT(w.controller().phase(), RunPhase::Ended, 20000);
        QVERIFY(w.controller().state().asDeclared());
        QCOMPARE(w.banner().kind(), MessageKind::Success);
        const mp::telemetry::QueueState* q = nullptr;
        for (const auto* o : world(w).objects())
            if (o->label == "q")
                q = world(w).queue(o->id);
        QVERIFY(q);
        QCOMPARE(q->gotCount(), std::uint64_t(5)); // 1 2 3 4 and None
        QCOMPARE(q->sentinelsDelivered(), std::uint64_t(1));
        QCOMPARE(q->inPipeCount(), std::size_t(0));
        QCOMPARE(q->bufferedCount(), std::size_t(0));
        QVERIFY(consoleHas(w, QStringLiteral("Consumer done")));
        // On the stage: the sentinel sits on the consumer side, ringed in the colour of who got it.
        QTRY_VERIFY_WITH_TIMEOUT(!w.stage().animating(), 5000);
        int sentinels = 0;
        int delivered = 0;
        for (QGraphicsItem* item : w.stage().items())
            if (item->type() == TokenItem::Type) {
                const auto* t = static_cast<TokenItem*>(item);
                delivered += t->look().ring.isValid();
                sentinels += t->look().sentinel && t->look().ring.isValid();
            }
        QCOMPARE(sentinels, 1);
        QVERIFY(delivered >= 4);
    }

    void steppingOneProcessAdvancesOnlyThatProcess()
    {
        MainWindow w;
        QVERIFY(w.openScene(QStringLiteral("queue-sentinel")));
        RunController& c = w.controller();
        // Step the main process until the consumer exists and waits at its first gate.
        for (int i = 0; i < 40; ++i) {
            const auto* p1 = world(w).actor(P1);
            if (p1 && p1->status == ActorStatus::AtGate)
                break;
            const std::uint32_t before = world(w).actor(MAIN) ? world(w).actor(MAIN)->nextSeq : 0;
            c.stepActor(MAIN);
            QTRY_VERIFY_WITH_TIMEOUT(world(w).actor(MAIN) && world(w).actor(MAIN)->nextSeq > before
                    && (world(w).actor(MAIN)->status != ActorStatus::Running),
                5000);
            QTest::qWait(50);
        }
        QVERIFY(world(w).actor(P1));
        QTRY_COMPARE_WITH_TIMEOUT(world(w).actor(P1)->status, ActorStatus::AtGate, 5000);
        QCOMPARE(c.phase(), RunPhase::Paused);

        for (int step = 0; step < 2 && world(w).actor(P1)->status == ActorStatus::AtGate; ++step) {
            const auto mainSeq = world(w).actor(MAIN)->nextSeq;
            const auto mainLine = world(w).actor(MAIN)->line;
            const auto consumerSeq = world(w).actor(P1)->nextSeq;

            c.stepActor(P1);

            QTRY_VERIFY_WITH_TIMEOUT(
                world(w).actor(P1)->nextSeq > consumerSeq && world(w).actor(P1)->status != ActorStatus::Running, 5000);
            QTest::qWait(300); // anything the main process did would have arrived by now
            QCOMPARE(world(w).actor(MAIN)->nextSeq, mainSeq);
            QCOMPARE(world(w).actor(MAIN)->line, mainLine);
            QCOMPARE(world(w).actor(MAIN)->status, ActorStatus::AtGate);
        }
        c.stop();
        QTRY_COMPARE_WITH_TIMEOUT(c.phase(), RunPhase::Ended, 10000);
    }

    void microStepsStopInsidePut()
    {
        MainWindow w;
        QVERIFY(w.openScene(QStringLiteral("feeder-lag")));
        RunController& c = w.controller();
        w.transport().microAction()->setChecked(true);
        bool sawMicroGate = false;
        for (int i = 0; i < 40 && !sawMicroGate; ++i) {
            const std::uint64_t before = world(w).eventCount();
            c.step(); // whichever process has waited longest: here MainProcess or its feeder thread
            QTRY_VERIFY_WITH_TIMEOUT(world(w).eventCount() > before, 5000);
            QTest::qWait(60);
            if (const auto* main = world(w).actor(MAIN)) {
                sawMicroGate = main->status == ActorStatus::AtGate && main->gate.micro;
                for (const auto& f : main->feeders)
                    sawMicroGate = sawMicroGate || (f.status == ActorStatus::AtGate && f.gate.micro);
            }
        }
        QVERIFY(sawMicroGate);
        QCOMPARE(c.phase(), RunPhase::Paused);
        c.stop();
        QTRY_COMPARE_WITH_TIMEOUT(c.phase(), RunPhase::Ended, 10000);
    }

    void keysDriveTheTransport()
    {
        MainWindow w;
        QVERIFY(w.openScene(QStringLiteral("pipe-eof"), { { "close_unused", "false" } }));
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        RunController& c = w.controller();

        QTest::keyClick(&w, Qt::Key_Right); // → starts the run paused and takes a step
        QTRY_VERIFY_WITH_TIMEOUT(world(w).actor(MAIN) != nullptr, 5000);
        QCOMPARE(c.phase(), RunPhase::Paused);
        QTest::keyClick(&w, Qt::Key_Space); // resume
        QCOMPARE(c.phase(), RunPhase::Running);
        QTRY_VERIFY_WITH_TIMEOUT(!c.hang().empty(), 20000); // it runs into its hang
        QTest::keyClick(&w, Qt::Key_Space); // pause
        QCOMPARE(c.phase(), RunPhase::Paused);
        QTest::keyClick(&w, Qt::Key_2); // choose and step Process-1: it is blocked, so the banner says why
        QTRY_COMPARE_WITH_TIMEOUT(w.banner().kind(), MessageKind::Hint, 5000);
        QVERIFY2(w.banner().text().contains(QStringLiteral("blocked in recv()")), qPrintable(w.banner().text()));
        QTest::keyClick(&w, Qt::Key_R); // restart: a new run, running
        QTRY_COMPARE_WITH_TIMEOUT(c.phase(), RunPhase::Running, 5000);
        QVERIFY(c.hang().empty());
        c.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!c.active(), 10000);
    }

    void stoppingMidRunLeavesNoProcessBehind()
    {
        MainWindow w;
        QVERIFY(w.openScene(QStringLiteral("value-increment"), { { "processes", "9" }, { "increments", "100000" } }));
        w.transport().runAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(world(w).actors().size() >= 5, 20000);
        std::vector<qint64> pids { w.controller().hostPid() };
        for (const auto* a : world(w).actors())
            pids.push_back(a->pid);
        QVERIFY(w.controller().active());

        w.transport().stopAction()->trigger();

        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().active(), 10000);
        QCOMPARE(w.controller().phase(), RunPhase::Ended);
        QCOMPARE(w.banner().text(), QStringLiteral("Stopped."));
        for (qint64 pid : pids)
            QTRY_VERIFY2_WITH_TIMEOUT(!alive(pid), qPrintable(QStringLiteral("pid %1 is still there").arg(pid)), 5000);
    }

    void failuresAreSentencesNotCrashes_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("words");
        QTest::newRow("host missing") << QStringLiteral("/nonexistent/mpstage-host")
                                      << QStringLiteral("Could not start the scene runner");
        QTest::newRow("stream malformed") << QStringLiteral("/bin/echo") << QStringLiteral("malformed");
        QTest::newRow("host fails") << QStringLiteral("/bin/false") << QStringLiteral("exited with status 1");
    }

    void failuresAreSentencesNotCrashes()
    {
        QFETCH(QString, host);
        QFETCH(QString, words);
        RunController sut;
        sut.setHostPath(host);
        sut.setScene(mpstage::findSceneInfo("queue-sentinel"), {});

        sut.run();

        QTRY_COMPARE_WITH_TIMEOUT(sut.phase(), RunPhase::Failed, 10000);
        QCOMPARE(sut.messageKind(), MessageKind::Error);
        QVERIFY2(sut.messageText().contains(words), qPrintable(sut.messageText()));
    }

    void theHostDyingIsReported()
    {
        RunController sut;
        sut.setHostPath(QString::fromUtf8(MPSTAGE_HOST_BIN));
        sut.setScene(mpstage::findSceneInfo("queue-sentinel"), {});
        sut.step(); // started, paused
        QTRY_VERIFY_WITH_TIMEOUT(sut.hostPid() > 0 && sut.state().world().actor(MAIN), 10000);

        ::kill(static_cast<pid_t>(sut.hostPid()), SIGKILL);

        QTRY_COMPARE_WITH_TIMEOUT(sut.phase(), RunPhase::Failed, 10000);
        QVERIFY2(sut.messageText().contains(QStringLiteral("died")), qPrintable(sut.messageText()));
    }

    void aBadParameterIsRefusedInWords()
    {
        MainWindow w;
        QVERIFY(!w.openScene(QStringLiteral("queue-sentinel"), { { "items", "999" } }));
        QCOMPARE(w.banner().kind(), MessageKind::Error);
        QVERIFY2(w.banner().text().contains(QStringLiteral("items")), qPrintable(w.banner().text()));
        QVERIFY(!w.openScene(QStringLiteral("no-such-scene")));
        QVERIFY(w.banner().text().contains(QStringLiteral("no-such-scene")));
    }
};

QTEST_MAIN(TestHostRuns)
#include "tst_host_runs.moc"
