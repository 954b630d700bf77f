// SPDX-License-Identifier: MIT
// Saving, opening and exporting a real run through the window: a saved run replays, with no process, into
// the same World and the same chart series; a damaged file is refused in words; the exports write files.

#include "charts/charts_panel.h"
#include "run/run_controller.h"
#include "ui/main_window.h"
#include "ui/run_files.h"
#include "ui/transport.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace mpstage::app;

namespace {

void runToEnd(MainWindow& w)
{
    QVERIFY(w.openScene(QStringLiteral("value-increment"), { { "processes", "2" }, { "increments", "300" } }));
    w.transport().runAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(w.controller().phase(), RunPhase::Ended, 30000);
}

} // namespace

class TestReplay : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qputenv("MPSTAGE_HOST", MPSTAGE_HOST_BIN); }

    void aSavedRunReplaysIntoTheSameWorld()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.mpstage-run"));
        MainWindow live;
        runToEnd(live);
        QCOMPARE(saveRun(live, path), QString());

        MainWindow sut;
        QCOMPARE(openRun(sut, path), QString());

        QTRY_COMPARE_WITH_TIMEOUT(sut.controller().phase(), RunPhase::Ended, 10000);
        QCOMPARE(sut.controller().hostPid(), qint64(0)); // no process was started
        QCOMPARE(sut.scene(), live.scene());
        QVERIFY(sut.controller().state().world() == live.controller().state().world());
        QVERIFY(sut.controller().state().charts().values() == live.controller().state().charts().values());
        QVERIFY(!sut.controller().state().charts().values().empty());
        QCOMPARE(sut.controller().messageKind(), live.controller().messageKind());
        // and a replayed run saves again, byte for byte
        const QString again = dir.filePath(QStringLiteral("again.mpstage-run"));
        QCOMPARE(saveRun(sut, again), QString());
        QFile a(path);
        QFile b(again);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }

    void aDamagedFileIsRefusedInWords()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.mpstage-run"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"mpstage_run\":1,\"scene\":\"value-increment\",\"params\":{}}\nMPSTxxxxgarbage");
        f.close();
        MainWindow sut;

        const QString error = openRun(sut, path);

        QVERIFY2(error.contains(QStringLiteral("byte")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("bad.mpstage-run")), qPrintable(error));
        QCOMPARE(sut.controller().phase(), RunPhase::Idle);
        QVERIFY(!saveRun(sut, dir.filePath(QStringLiteral("nothing"))).isEmpty()); // nothing to save
    }

    void exportsWriteTheTraceTheChartDataAndThePicture()
    {
        QTemporaryDir dir;
        MainWindow sut;
        runToEnd(sut);

        QCOMPARE(exportTrace(sut, dir.filePath(QStringLiteral("trace.json"))), QString());
        int written = 0;
        QCOMPARE(exportChartData(sut, dir.path(), &written), QString());
        QCOMPARE(exportStagePng(sut, dir.filePath(QStringLiteral("stage.png")), QSize(1200, 700)), QString());

        QFile trace(dir.filePath(QStringLiteral("trace.json")));
        QVERIFY(trace.open(QIODevice::ReadOnly));
        QVERIFY(trace.readAll().contains("\"traceEvents\""));
        QVERIFY(written >= 1);
        QFile csv(dir.filePath(QStringLiteral("value-share_value.csv")));
        QVERIFY2(csv.open(QIODevice::ReadOnly), qPrintable(QDir(dir.path()).entryList().join(u' ')));
        QVERIFY(csv.readLine().startsWith("seconds,expected,actual"));
        QCOMPARE(QImage(dir.filePath(QStringLiteral("stage.png"))).size(), QSize(1200, 700));
        int pictures = 0;
        QCOMPARE(exportChartImages(sut, dir.path(), QSize(1000, 600), &pictures), QString());
        QCOMPARE(pictures, sut.charts().chartCount());
        QCOMPARE(QImage(dir.filePath(QStringLiteral("value-share_value.png"))).size(), QSize(1000, 600));
        QVERIFY(!exportChartImages(sut, dir.path(), QSize(10, 10)).isEmpty());
    }

    void theChartsPanelShowsTheScenesObjects()
    {
        MainWindow sut;
        sut.resize(1600, 1000);
        sut.setChartsVisible(true);
        runToEnd(sut);
        sut.charts().refresh();
        QVERIFY(sut.charts().chartCount() >= 1);
    }
};

QTEST_MAIN(TestReplay)
#include "tst_replay.moc"
