// SPDX-License-Identifier: MIT
// A recorded real run (tests/core/golden/queue_sentinel.mpst: one producer puts 1, 2, 3, 4 and the sentinel
// None on a Queue, one consumer gets them): its chart series hold the points that run had, its timeline the
// lanes, and its Chrome trace parses as JSON with a track per process and a flow arrow per item.

#include "model/lanes.h"
#include "model/run_state.h"
#include "replay/run_file.h"

#include <mp/telemetry/wire.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <set>

using namespace mpstage;
using namespace mp::telemetry;

namespace {

std::vector<Event> golden()
{
    QFile file(QStringLiteral(MPSTAGE_GOLDEN_DIR "/queue_sentinel.mpst"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    Decoder decoder;
    decoder.feed(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    std::vector<Event> events;
    while (auto e = decoder.next())
        events.push_back(std::move(*e));
    decoder.finish();
    return events;
}

} // namespace

class TestGoldenRun : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theQueueChartHoldsEveryPutFeederWriteAndGet()
    {
        const auto events = golden();
        QVERIFY(!events.empty());
        app::RunState state;
        for (const Event& e : events)
            state.apply(e);

        QCOMPARE(state.charts().queues().size(), std::size_t(1));
        const auto& samples = state.charts().queues().begin()->second;
        int rises = 0;
        int falls = 0;
        int moves = 0; // from a feeder buffer into the pipe: the total stays, the split changes
        std::size_t peak = 0;
        for (std::size_t i = 1; i < samples.size(); ++i) {
            const auto& a = samples[i - 1];
            const auto& b = samples[i];
            QVERIFY(b.t >= a.t);
            if (b.total() == a.total() + 1 && b.buffered == a.buffered + 1)
                ++rises;
            else if (b.total() + 1 == a.total() && b.inPipe + 1 == a.inPipe)
                ++falls;
            else if (b.total() == a.total() && b.inPipe == a.inPipe + 1)
                ++moves;
            else
                QFAIL(qPrintable(QStringLiteral("sample %1 changes the depth in a way no event can").arg(i)));
            peak = std::max(peak, b.total());
        }
        QCOMPARE(rises, 5); // 1, 2, 3, 4, None
        QCOMPARE(moves, 5); // each written by the feeder thread
        QCOMPARE(falls, 5); // each got by the consumer
        QCOMPARE(samples.back().total(), std::size_t(0));
        QVERIFY(peak >= 1 && peak <= 5);
    }

    void theTimelineHasALanePerProcessAndAMarkPerPutAndGet()
    {
        timeline::Lanes lanes;
        for (const Event& e : golden())
            lanes.apply(e);
        QCOMPARE(lanes.lanes().size(), std::size_t(2));
        std::map<timeline::MarkKind, int> marks;
        for (const auto& lane : lanes.lanes()) {
            QVERIFY(lane.exited > lane.started);
            for (const auto& m : lane.marks)
                ++marks[m.kind];
        }
        QCOMPARE(marks[timeline::MarkKind::Put], 5);
        QCOMPARE(marks[timeline::MarkKind::Get], 5);
    }

    void theTraceParsesAsJsonWithTracksAndFlows()
    {
        const std::string json = replay::chromeTrace(golden());
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonArray events = doc.object().value(QStringLiteral("traceEvents")).toArray();
        QVERIFY(!events.isEmpty());
        std::set<QString> processes;
        std::map<QString, int> flows; // "s" starts, "f" finishes
        std::set<qint64> started;
        std::set<qint64> finished;
        for (const auto& v : events) {
            const QJsonObject e = v.toObject();
            const QString ph = e.value(QStringLiteral("ph")).toString();
            if (ph == QStringLiteral("M")
                && e.value(QStringLiteral("name")).toString() == QStringLiteral("process_name"))
                processes.insert(e.value(QStringLiteral("args"))
                                     .toObject()
                                     .value(QStringLiteral("name"))
                                     .toString()
                                     .section(QStringLiteral(" (pid"), 0, 0));
            if (ph == QStringLiteral("s"))
                started.insert(e.value(QStringLiteral("id")).toInteger());
            if (ph == QStringLiteral("f"))
                finished.insert(e.value(QStringLiteral("id")).toInteger());
        }
        QVERIFY(processes.count(QStringLiteral("MainProcess")));
        QVERIFY(processes.count(QStringLiteral("Process-1")));
        QCOMPARE(started.size(), std::size_t(5)); // an arrow from each put ...
        QCOMPARE(finished, started); // ... to the get that took that item
    }
};

QTEST_GUILESS_MAIN(TestGoldenRun)
#include "tst_golden_run.moc"
