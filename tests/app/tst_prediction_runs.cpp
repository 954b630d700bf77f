// SPDX-License-Identifier: MIT
// Predict, then reveal, through the window: the class's choice (keys A-D) and counts before Run, the answer
// from what a real run did, and a saved run that reopens with its predictions and the same answer; a run
// file from before predictions opens with none.

#include "replay/run_file.h"
#include "run/run_controller.h"
#include "stage/stage_view.h"
#include "timeline/scrubber.h"
#include "ui/main_window.h"
#include "ui/prediction_panel.h"
#include "ui/run_files.h"
#include "ui/transport.h"

#include <QAction>
#include <QFile>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace mpstage::app;

namespace {

// The shipped scene files, where the built-in scenes' twins (and their questions) are.
QStringList shipped()
{
    return { QStringLiteral(MPSTAGE_SOURCE_DIR "/scenes/programs") };
}

} // namespace

class TestPredictionRuns : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qputenv("MPSTAGE_HOST", MPSTAGE_HOST_BIN); }

    void aSavedRunWithPredictionsReopensWithThem()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.mpstage-run"));
        MainWindow live(nullptr, shipped());
        QVERIFY(live.openScene(QStringLiteral("value-increment"), { { "processes", "2" }, { "increments", "300" } }));
        PredictionPanel& asked = live.predictions();
        QCOMPARE(asked.questionCount(), 1);
        QVERIFY(asked.cardText(0).contains(QStringLiteral("less than 600")));
        QTest::keyClick(&live.stageView(), Qt::Key_C); // C: "more than 600", before Run (not Charts)
        QCOMPARE(asked.chosen(0), 2);
        QTest::keyClick(&live.stageView(), Qt::Key_B);
        QCOMPARE(asked.chosen(0), 1);
        asked.setCount(0, 0, 4);
        asked.setCount(0, 1, 17);
        live.transport().runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(live.controller().phase(), RunPhase::Ended, 30000);
        QCOMPARE(asked.reveals().size(), std::size_t(1));
        const Reveal said = asked.reveals()[0];
        QVERIFY(said.known); // the final value is what it is: A (600) or B (less), never made up
        QVERIFY(said.choice == 0 || said.choice == 1);
        QVERIFY2(
            asked.cardText(0).contains(QStringLiteral("Predicted: B less than 600")), qPrintable(asked.cardText(0)));
        QVERIFY(asked.cardText(0).contains(QStringLiteral("in the class chose it")));
        // Show that instant: the stage goes back to the instant the run showed the answer
        auto* seeIt = live.findChild<QPushButton*>(QStringLiteral("predictSeeIt"));
        QVERIFY(seeIt && !seeIt->isHidden());
        seeIt->click();
        QVERIFY(live.scrubber().looking());
        const std::uint64_t shown = live.controller().record().lanes.origin() + live.scrubber().cursorTime();
        QVERIFY(shown <= said.timeNs);
        live.scrubber().stepEvent(+1); // the next event is past it
        QVERIFY(live.controller().record().lanes.origin() + live.scrubber().cursorTime() > said.timeNs);
        live.scrubber().goLive();
        QCOMPARE(saveRun(live, path), QString());
        const QString liveCard = asked.cardText(0);
        // and the class can predict the next run afresh
        QTest::keyClick(&live.stageView(), Qt::Key_A);
        QCOMPARE(asked.chosen(0), 1); // A-D choose only while asking: now A is not a choice
        auto* again = live.findChild<QPushButton*>(QStringLiteral("predictAgain"));
        QVERIFY(again && !again->isHidden());
        again->click();
        QVERIFY(asked.reveals().empty());
        QCOMPARE(asked.chosen(0), -1);
        QVERIFY(asked.saved().empty()); // nothing predicted yet
        QTest::keyClick(&live.stageView(), Qt::Key_A);
        QCOMPARE(asked.chosen(0), 0);

        MainWindow sut(nullptr, shipped());
        QCOMPARE(openRun(sut, path), QString());
        QCOMPARE(sut.controller().phase(), RunPhase::Ended);
        PredictionPanel& reopened = sut.predictions();
        QCOMPARE(reopened.chosen(0), 1);
        const auto saved = reopened.saved();
        QCOMPARE(saved.size(), std::size_t(1));
        QCOMPARE(saved[0].counts, (std::vector<int> { 4, 17, 0 }));
        QCOMPARE(
            saved[0].question, std::string("2 processes each add 1 to v.value 300 times. What is the final value?"));
        QCOMPARE(reopened.reveals().size(), std::size_t(1));
        QCOMPARE(reopened.reveals()[0].choice, said.choice);
        QCOMPARE(reopened.reveals()[0].shown, said.shown);
        QCOMPARE(reopened.cardText(0), liveCard);

        // a file saved before runs had predictions (no "predictions" in its first line) opens with none
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        f.close();
        auto loaded
            = mpstage::replay::readRunFile(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
        QVERIFY(bytes.left(bytes.indexOf('\n')).contains("\"predictions\""));
        const QString old = dir.filePath(QStringLiteral("old.mpstage-run"));
        QFile o(old);
        QVERIFY(o.open(QIODevice::WriteOnly));
        o.write(QByteArray::fromStdString(
            mpstage::replay::writeRunFile({ loaded.scene, loaded.params, loaded.stream, {} })));
        o.close();
        MainWindow before(nullptr, shipped());
        QCOMPARE(openRun(before, old), QString());
        QCOMPARE(before.predictions().chosen(0), -1);
        QVERIFY(before.predictions().saved().empty());
        QCOMPARE(before.predictions().reveals()[0].choice, said.choice); // still answered, from the run
    }
};

QTEST_MAIN(TestPredictionRuns)
#include "tst_prediction_runs.moc"
