// SPDX-License-Identifier: MIT
// The charts' data from hand-built telemetry: a queue's depth split into feeder buffers and pipe, a lock's
// wait histogram, a shared counter's expected against actual value, decimation and the CSV export.

#include "event_script.h"
#include "model/chart_series.h"
#include "model/run_state.h"

#include <QTest>

using namespace mpstage::app;
using namespace mpstage::charts;
using namespace apptest;

namespace {

constexpr ObjectId Q { 1 };
constexpr ObjectId L { 2 };
constexpr ObjectId V { 3 };

RunState fold(const Script& s)
{
    RunState run;
    for (const auto& e : s.events())
        run.apply(e);
    return run;
}

Script& valueWritten(Script& s, ActorId a, std::int64_t version, const std::string& repr, const std::string& old)
{
    return s.add(Event {
        .type = EventType::ValueWritten, .actor = a, .object = V, .a = 0, .b = version, .text = repr, .detail = old });
}

} // namespace

class TestChartSeries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void queueDepthIsSplitIntoFeederBuffersAndPipe()
    {
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, Q, ObjectKind::Queue, 0, "q");
        s.put(MAIN, Q, 1, "'a'").put(MAIN, Q, 2, "'b'"); // both in MAIN's buffer
        s.written(MAIN, Q, 1, 0); // one reaches the pipe
        s.got(P1, Q, 0, "'a'"); // and is read

        const RunState sut = fold(s);

        const auto& series = sut.charts().queues().at(Q);
        std::vector<std::pair<std::size_t, std::size_t>> depths; // (buffered, inPipe)
        for (const QueueSample& q : series)
            depths.emplace_back(q.buffered, q.inPipe);
        const std::vector<std::pair<std::size_t, std::size_t>> expected { { 0, 0 }, { 1, 0 }, { 2, 0 }, { 1, 1 },
            { 1, 0 } };
        QCOMPARE(depths, expected);
        QCOMPARE(series.front().t, 0.0);
        for (std::size_t i = 1; i < series.size(); ++i)
            QVERIFY(series[i].t > series[i - 1].t);
        QCOMPARE(series.back().total(), std::size_t(1));
    }

    void anEventThatChangesNoDepthAddsNoSample()
    {
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, Q, ObjectKind::Queue, 0, "q").put(MAIN, Q, 1, "1");
        RunState sut = fold(s);
        const std::size_t before = sut.charts().queues().at(Q).size();
        const std::uint64_t generation = sut.charts().generation();

        sut.apply(Event { .type = EventType::GetCalled, .actor = P1, .timeNs = s.now() + 1000, .object = Q });

        QCOMPARE(sut.charts().queues().at(Q).size(), before);
        QCOMPARE(sut.charts().generation(), generation);
    }

    void aLostUpdateShowsAsAGapBetweenExpectedAndActual()
    {
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, V, ObjectKind::Value, 0, "counter");
        valueWritten(s, MAIN, 0, "10", ""); // the initial contents
        valueWritten(s, P1, 1, "11", "10");
        valueWritten(s, P2, 2, "12", "11");
        valueWritten(s, P1, 3, "12", "12"); // read 11 before P2 wrote 12: P2's update is lost
        valueWritten(s, P2, 4, "13", "12");

        const RunState sut = fold(s);

        const auto& series = sut.charts().values().at(V);
        QCOMPARE(series.size(), std::size_t(5));
        std::vector<double> expected;
        std::vector<double> actual;
        for (const ValueSample& v : series) {
            expected.push_back(v.expected);
            actual.push_back(v.actual);
        }
        QCOMPARE(expected, (std::vector<double> { 10, 11, 12, 13, 14 }));
        QCOMPARE(actual, (std::vector<double> { 10, 11, 12, 12, 13 }));
    }

    void writesArrivingOutOfTimeOrderAreChartedInTimeOrder()
    {
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, V, ObjectKind::Value, 0, "counter");
        valueWritten(s, MAIN, 0, "0", "");
        const std::uint64_t later = s.now() + 10'000;
        s.add(
            Event { .type = EventType::ValueWritten, .actor = P2, .timeNs = later, .object = V, .b = 2, .text = "2" });
        s.add(Event {
            .type = EventType::ValueWritten, .actor = P1, .timeNs = later - 5000, .object = V, .b = 1, .text = "1" });

        const RunState sut = fold(s);

        const auto& series = sut.charts().values().at(V);
        QCOMPARE(series.size(), std::size_t(3));
        QCOMPARE(series[1].actual, 1.0);
        QCOMPARE(series[2].actual, 2.0);
        QCOMPARE(series[2].expected, 2.0);
    }

    void lockWaitsBecomeHistogramBars()
    {
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, L, ObjectKind::Lock, 0, "lock");
        std::int64_t n = 0;
        for (std::int64_t waited : { 0, 1000, 1500, 1'000'000 }) {
            ++n;
            s.add(Event { .type = EventType::LockAcquired, .actor = P1, .object = L, .a = waited, .b = n });
            s.add(Event { .type = EventType::LockReleased, .actor = P1, .object = L, .b = n });
        }

        const RunState sut = fold(s);
        const auto bars = waitBars(sut.world().lock(L)->waitTimes());

        QCOMPARE(bars.size(), std::size_t(20)); // buckets 0 (0 ns) to 19 (524 µs .. 1 ms)
        QCOMPARE(bars[0].count, std::uint64_t(1));
        QCOMPARE(bars[9].count, std::uint64_t(1)); // 512 .. 1023 ns
        QCOMPARE(bars[10].count, std::uint64_t(1));
        QCOMPARE(bars[19].count, std::uint64_t(1));
        QCOMPARE(bars[0].label, std::string("0ns"));
        QCOMPARE(bars[10].label, std::string("1.0µs"));
        const auto merged = waitBars(sut.world().lock(L)->waitTimes(), 8); // 3 buckets a bar
        QCOMPARE(merged.size(), std::size_t(7));
        QCOMPARE(merged[0].count, std::uint64_t(1));
        QCOMPARE(merged[3].count, std::uint64_t(2)); // buckets 9 and 10
        QCOMPARE(merged[6].count, std::uint64_t(1));
    }

    void noWaitsNoBars() { QVERIFY(waitBars(mp::telemetry::WaitHistogram {}).empty()); }

    void decimationKeepsEndsAndCap_data()
    {
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("cap");
        QTest::newRow("under the cap") << 10 << 16;
        QTest::newRow("at the cap") << 16 << 16;
        QTest::newRow("one over") << 17 << 16;
        QTest::newRow("even, far over") << 1000 << 16;
        QTest::newRow("odd, far over") << 1001 << 16;
    }

    void decimationKeepsEndsAndCap()
    {
        QFETCH(int, points);
        QFETCH(int, cap);
        std::vector<int> sut;
        for (int i = 0; i < points; ++i)
            sut.push_back(i);

        decimate(sut, static_cast<std::size_t>(cap));

        QVERIFY(sut.size() <= static_cast<std::size_t>(cap));
        QVERIFY(sut.size() >= static_cast<std::size_t>(std::min(points, cap / 2)));
        QCOMPARE(sut.front(), 0);
        QCOMPARE(sut.back(), points - 1);
        QVERIFY(std::is_sorted(sut.begin(), sut.end()));
    }

    void aLongRunStaysWithinTheCap()
    {
        ChartSeries sut(64);
        mp::telemetry::World world;
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, V, ObjectKind::Value, 0, "counter");
        for (int i = 1; i <= 5000; ++i)
            valueWritten(s, MAIN, i, std::to_string(i), std::to_string(i - 1));
        for (const auto& e : s.events()) {
            world.apply(e);
            sut.apply(world, e);
        }

        const auto& series = sut.values().at(V);
        QVERIFY(series.size() <= 64);
        QCOMPARE(series.back().actual, 5000.0);
        QCOMPARE(series.back().expected, 5000.0);
    }

    void aRateSeriesMergesItsBinsAndKeepsEveryCount()
    {
        RateSeries sut(0.001, 8);
        for (int i = 0; i < 100; ++i)
            sut.add(i * 0.0005); // 2,000 per second for 50 ms
        QCOMPARE(sut.total(), std::uint64_t(100));
        QVERIFY(sut.counts().size() <= 8);
        QVERIFY(sut.binWidth() >= 0.05 / 8);
        std::uint64_t counted = 0;
        for (const auto n : sut.counts())
            counted += n;
        QCOMPARE(counted, std::uint64_t(100));
        const auto rates = sut.perSecond(4);
        QVERIFY(!rates.empty() && rates.size() <= 4);
        QVERIFY(std::abs(rates.front().second - 2000.0) < 1.0);
    }

    void throughputCountsGetsAndEachProducersPuts()
    {
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, Q, ObjectKind::Queue, 0, "q").started(P1, "Process-1", MAIN);
        s.put(MAIN, Q, 1, "1").put(P1, Q, 1, "2").put(P1, Q, 2, "3");
        s.written(MAIN, Q, 1, 0).written(P1, Q, 1, 1).written(P1, Q, 2, 2);
        s.got(MAIN, Q, 0, "1");
        RunState sut;
        for (const Event& e : s.events())
            sut.apply(e);

        const auto& through = sut.charts().throughput().at(Q);
        QCOMPARE(through.got.total(), std::uint64_t(1));
        QCOMPARE(through.putBy.at(MAIN).total(), std::uint64_t(1));
        QCOMPARE(through.putBy.at(P1).total(), std::uint64_t(2));
        const std::string csv = throughputCsv(through, { "MainProcess", "Process-1" });
        QVERIFY(csv.rfind("seconds,got_per_second,put_per_second_MainProcess,put_per_second_Process-1\n", 0) == 0);
    }

    void csvHasAHeaderAndOneLinePerPoint()
    {
        const std::string queue = queueCsv({ QueueSample { 0.5, 2, 3 } });
        QCOMPARE(queue, std::string("seconds,in_feeder_buffers,in_pipe,total\n0.500000000,2,3,5\n"));
        const std::string value = valueCsv({ ValueSample { 1, 4, 3 } });
        QCOMPARE(value, std::string("seconds,expected,actual\n1.000000000,4,3\n"));
        const std::string bars = histogramCsv({ HistogramBar { "≥ 1.0 µs", 7 } });
        QCOMPARE(bars, std::string("wait_at_least,acquisitions\n≥ 1.0 µs,7\n"));
    }
};

QTEST_GUILESS_MAIN(TestChartSeries)
#include "tst_chart_series.moc"
