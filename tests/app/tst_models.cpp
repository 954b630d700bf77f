// SPDX-License-Identifier: MIT
// The app's item models, each under QAbstractItemModelTester: the catalogue tree and its search, the listing
// with its per-process markers, and the console of prints.

#include "event_script.h"
#include "model/run_state.h"
#include "model/wording.h"
#include "ui/catalogue_model.h"
#include "ui/console_model.h"
#include "ui/listing_model.h"

#include <mpstage/scene_info.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace mpstage::app;
using namespace apptest;

namespace {

int countScenes(const QAbstractItemModel& model)
{
    int n = 0;
    for (int g = 0; g < model.rowCount(); ++g)
        n += model.rowCount(model.index(g, 0));
    return n;
}

} // namespace

class TestModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void catalogueHoldsEverySceneOnceUnderItsPrimaryTag()
    {
        CatalogueModel sut(mpstage::sceneInfos());
        QAbstractItemModelTester tester(&sut, QAbstractItemModelTester::FailureReportingMode::QtTest);

        QCOMPARE(countScenes(sut), static_cast<int>(mpstage::sceneInfos().size()));
        const QModelIndex pipeEof = sut.indexOfScene(QStringLiteral("pipe-eof"));
        QVERIFY(pipeEof.isValid());
        QCOMPARE(pipeEof.parent().data().toString(), QStringLiteral("Pipes"));
        QCOMPARE(pipeEof.data(CatalogueModel::SceneIdRole).toString(), QStringLiteral("pipe-eof"));
        QVERIFY(!pipeEof.data(Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(pipeEof.parent().data(CatalogueModel::IsGroupRole).toBool());
        QVERIFY(!(sut.flags(pipeEof.parent()) & Qt::ItemIsSelectable));
    }

    void catalogueSearch_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mustFind");
        QTest::addColumn<QString>("mustNotFind");
        QTest::newRow("by id") << QStringLiteral("pipe-eof") << QStringLiteral("pipe-eof")
                               << QStringLiteral("feeder-lag");
        QTest::newRow("by words of the summary")
            << QStringLiteral("sentinel") << QStringLiteral("queue-sentinel") << QStringLiteral("pipe-eof");
        QTest::newRow("any case") << QStringLiteral("EMPTY()") << QStringLiteral("feeder-lag")
                                  << QStringLiteral("pipe-eof");
    }

    void catalogueSearch()
    {
        QFETCH(QString, text);
        QFETCH(QString, mustFind);
        QFETCH(QString, mustNotFind);
        CatalogueModel source(mpstage::sceneInfos());
        QSortFilterProxyModel sut;
        sut.setSourceModel(&source);
        sut.setRecursiveFilteringEnabled(true);
        sut.setFilterRole(CatalogueModel::SearchTextRole);
        sut.setFilterCaseSensitivity(Qt::CaseInsensitive);
        QAbstractItemModelTester tester(&sut, QAbstractItemModelTester::FailureReportingMode::QtTest);

        sut.setFilterFixedString(text);

        QVERIFY(sut.mapFromSource(source.indexOfScene(mustFind)).isValid());
        QVERIFY(!sut.mapFromSource(source.indexOfScene(mustNotFind)).isValid());
    }

    void listingRowsAndMarkers()
    {
        ListingModel sut;
        QAbstractItemModelTester tester(&sut, QAbstractItemModelTester::FailureReportingMode::QtTest);
        sut.setListing(QStringLiteral("import multiprocessing\nq = Queue()\nq.put(1)\n\n"));
        QCOMPARE(sut.rowCount(), 3); // trailing blank lines dropped
        QCOMPARE(sut.index(1).data(ListingModel::LineNumberRole).toInt(), 2);
        QSignalSpy changed(&sut, &QAbstractItemModel::dataChanged);

        sut.setMarkers({ { 2, QStringLiteral("Main"), Qt::blue }, { 2, QStringLiteral("P-1"), Qt::red } });

        QCOMPARE(changed.count(), 1);
        QCOMPARE(sut.index(1).data(ListingModel::MarkerNamesRole).toStringList(),
            (QStringList { QStringLiteral("Main"), QStringLiteral("P-1") }));
        QVERIFY(sut.index(1).data(Qt::BackgroundRole).isValid());
        QVERIFY(!sut.index(0).data(Qt::BackgroundRole).isValid());

        // Moving one marker changes exactly the two rows involved; an unchanged set changes nothing.
        sut.setMarkers({ { 2, QStringLiteral("Main"), Qt::blue }, { 3, QStringLiteral("P-1"), Qt::red } });
        QCOMPARE(changed.count(), 3);
        sut.setMarkers({ { 2, QStringLiteral("Main"), Qt::blue }, { 3, QStringLiteral("P-1"), Qt::red } });
        QCOMPARE(changed.count(), 3);
        sut.setMarkers({ { 99, QStringLiteral("Main"), Qt::blue } }); // out of range: ignored, rows cleared
        QCOMPARE(sut.index(1).data(ListingModel::MarkerNamesRole).toStringList(), QStringList {});
    }

    void shortNames()
    {
        QCOMPARE(QString::fromStdString(shortActorName("MainProcess")), QStringLiteral("Main"));
        QCOMPARE(QString::fromStdString(shortActorName("Process-12")), QStringLiteral("P-12"));
    }

    void consoleKeepsLinesInOrderInTheirColoursAndBounded()
    {
        RunState run(400);
        Script s;
        s.started(MAIN, "MainProcess").started(P1, "Process-1", MAIN);
        s.print(P1, "1\n2\n").print(MAIN, "half a ").print(MAIN, "line\n");
        for (const auto& e : s.events())
            run.apply(e);
        ConsoleModel sut(3);
        QAbstractItemModelTester tester(&sut, QAbstractItemModelTester::FailureReportingMode::QtTest);

        sut.catchUp(run);

        QCOMPARE(sut.rowCount(), 3);
        QCOMPARE(sut.index(0).data().toString(), QStringLiteral("Process-1:  1"));
        QCOMPARE(sut.index(2).data().toString(), QStringLiteral("MainProcess:  half a line"));
        QVERIFY(sut.index(0).data(Qt::ForegroundRole).value<QColor>()
            != sut.index(2).data(Qt::ForegroundRole).value<QColor>());

        Script more;
        for (int i = 0; i < 10; ++i)
            more.print(P1, std::to_string(i) + "\n");
        for (auto e : more.events()) {
            e.seq += 10;
            run.apply(e);
        }
        sut.catchUp(run);
        QCOMPARE(sut.rowCount(), 3); // bounded
        QCOMPARE(sut.index(2).data().toString(), QStringLiteral("Process-1:  9"));
        sut.catchUp(run); // nothing new: nothing changes
        QCOMPARE(sut.rowCount(), 3);
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
