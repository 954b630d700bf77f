// SPDX-License-Identifier: MIT
// Renders the window at 1920x1080 at the end of five scenes (one with the charts, one in presenter mode), as `mpstage
// --screenshot --at-end` does. The PNGs land in MPSTAGE_SCREENSHOT_DIR for a person to look at (README's Screenshots
// come from here).

#include "look/appearance.h"
#include "run/run_controller.h"
#include "timeline/scrubber.h"
#include "ui/banner.h"
#include "ui/main_window.h"
#include "ui/screenshot.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

using namespace mpstage::app;

class TestScreenshots : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("MPSTAGE_HOST", MPSTAGE_HOST_BIN);
        QDir().mkpath(QStringLiteral(MPSTAGE_SCREENSHOT_DIR));
    }

    void atTheEnd_data()
    {
        QTest::addColumn<QString>("scene");
        QTest::addColumn<QString>("params");
        QTest::addColumn<bool>("dark");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("present");
        QTest::addColumn<bool>("charts");
        QTest::newRow("feeder-lag") << QStringLiteral("feeder-lag") << QString() << false << int(MessageKind::Success)
                                    << false << false;
        QTest::newRow("pipe-eof-hang") << QStringLiteral("pipe-eof") << QStringLiteral("close_unused=false") << false
                                       << int(MessageKind::Hang) << false << false;
        // a race: on a busy machine the processes can take turns and lose nothing (SceneRunTest checks the
        // outcome; the picture only needs the run to finish)
        QTest::newRow("value-increment") << QStringLiteral("value-increment") << QString() << true << -1 << false
                                         << false;
        QTest::newRow("charts-bounded-queue")
            << QStringLiteral("bounded-queue") << QString() << false << int(MessageKind::Success) << false << true;
        QTest::newRow("presenter-queue-sentinel")
            << QStringLiteral("queue-sentinel") << QString() << false << int(MessageKind::Success) << true << false;
    }

    void atTheEnd()
    {
        QFETCH(QString, scene);
        QFETCH(QString, params);
        QFETCH(bool, dark);
        QFETCH(int, kind);
        QFETCH(bool, present);
        QFETCH(bool, charts);
        std::vector<std::pair<std::string, std::string>> given;
        if (!params.isEmpty())
            given.emplace_back(params.section(QLatin1Char('='), 0, 0).toStdString(),
                params.section(QLatin1Char('='), 1).toStdString());
        applyAppearance(*qApp, dark);
        MainWindow w;
        w.setDark(dark);
        w.resize(1920, 1080);
        w.setPresenting(present);
        QVERIFY(w.openScene(scene, given));
        w.setChartsVisible(charts);
        w.setAttribute(Qt::WA_DontShowOnScreen);
        w.show();
        const QString file = QStringLiteral(MPSTAGE_SCREENSHOT_DIR "/") + QString::fromLatin1(QTest::currentDataTag())
            + QStringLiteral(".png");
        QFile::remove(file);
        Screenshot sut(w, file, true);
        QSignalSpy done(&sut, &Screenshot::done);

        sut.start();

        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
        QCOMPARE(done.front().front().toInt(), 0);
        if (kind >= 0)
            QVERIFY2(int(w.banner().kind()) == kind, qPrintable(w.controller().messageText()));
        else
            QVERIFY2(w.controller().phase() == RunPhase::Ended, qPrintable(w.controller().messageText()));
        const QImage image(file);
        QCOMPARE(image.size(), QSize(1920, 1080));
        if (charts) { // and the same run looked back at, 40 % of the way through
            w.scrubber().scrubTo(w.scrubber().total() * 2 / 5);
            QVERIFY(w.scrubber().looking());
            QCoreApplication::processEvents();
            const QImage back = w.grab().toImage();
            QCOMPARE(back.size(), QSize(1920, 1080));
            QVERIFY(back.save(QStringLiteral(MPSTAGE_SCREENSHOT_DIR "/timeline-look-back.png")));
        }
        w.controller().stop();
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().active(), 10000);
        w.setPresenting(false);
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
