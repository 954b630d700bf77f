// SPDX-License-Identifier: MIT
// The stage's geometry and animation maths, without painting: where processes and objects stand, where the
// tokens of a queue sit, how a token travels.

#include "stage/object_geometry.h"
#include "stage/stage_layout.h"
#include "stage/token_motion.h"
#include "stage/wires_item.h"

#include <QTest>

using namespace mpstage::app;
using mp::telemetry::ActorId;
using mp::telemetry::ObjectId;
using mp::telemetry::ObjectKind;

namespace {

StageInput input(QSizeF area, int actors, std::vector<StageObjectSpec> objects)
{
    StageInput in { area, {}, std::move(objects) };
    for (int i = 1; i <= actors; ++i)
        in.actors.push_back(ActorId { static_cast<std::uint32_t>(i) });
    return in;
}

bool overlaps(const std::vector<QRectF>& rects)
{
    for (std::size_t i = 0; i < rects.size(); ++i)
        for (std::size_t j = i + 1; j < rects.size(); ++j)
            if (rects[i].intersects(rects[j]))
                return true;
    return false;
}

} // namespace

class TestStageGeometry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void processesInARowAboveTheObjects()
    {
        const StageGeometry g = layoutStage(input({ 1100, 700 }, 2, { { ObjectId { 1 }, ObjectKind::Queue, 1 } }));

        const QRectF main = g.actors.at(ActorId { 1 });
        const QRectF consumer = g.actors.at(ActorId { 2 });
        const QRectF queue = g.objects.at(ObjectId { 1 });
        QVERIFY(g.above(ActorId { 1 }) && g.above(ActorId { 2 }));
        QCOMPARE(main.left(), STAGE_MARGIN); // the main process first, on the left
        QCOMPARE(consumer.right(), 1100 - STAGE_MARGIN); // its partner at the other end
        QVERIFY(main.bottom() < queue.top() && consumer.bottom() < queue.top());
        QVERIFY(queue.width() >= 1000); // the queue gets the whole width for its three parts
        QCOMPARE(g.bounds, QRectF(0, 0, 1100, 700)); // laid out for the area: no scaling needed
        QVERIFY(!g.compact);
    }

    void layoutNeverOverlapsAndStaysInBounds_data()
    {
        QTest::addColumn<QSizeF>("area");
        QTest::addColumn<int>("actors");
        QTest::addColumn<int>("objects");
        QTest::newRow("one process, nothing shared") << QSizeF(1100, 700) << 1 << 0;
        QTest::newRow("producer and consumer") << QSizeF(1100, 700) << 2 << 1;
        QTest::newRow("four workers on a value") << QSizeF(1100, 700) << 5 << 1;
        QTest::newRow("ten processes") << QSizeF(1100, 700) << 10 << 2;
        QTest::newRow("a small window") << QSizeF(600, 400) << 3 << 3;
    }

    void layoutNeverOverlapsAndStaysInBounds()
    {
        QFETCH(QSizeF, area);
        QFETCH(int, actors);
        QFETCH(int, objects);
        std::vector<StageObjectSpec> specs;
        for (int i = 1; i <= objects; ++i)
            specs.push_back(
                { ObjectId { static_cast<std::uint32_t>(i) }, i % 2 ? ObjectKind::Queue : ObjectKind::Value, 1 });

        const StageGeometry g = layoutStage(input(area, actors, specs));

        std::vector<QRectF> rects;
        for (const auto& [id, r] : g.actors)
            rects.push_back(r);
        for (const auto& [id, r] : g.objects)
            rects.push_back(r);
        QCOMPARE(rects.size(), static_cast<std::size_t>(actors + objects));
        QVERIFY(!overlaps(rects));
        for (const QRectF& r : rects)
            QVERIFY(g.bounds.contains(r));
        QVERIFY(g.bounds.width() >= MIN_STAGE_WIDTH && g.bounds.height() >= MIN_STAGE_HEIGHT);
    }

    void manyProcessesGetASecondRowBelowTheObjects()
    {
        const StageGeometry g = layoutStage(input({ 1100, 700 }, 10, { { ObjectId { 1 }, ObjectKind::Value, 1 } }));
        QVERIFY(g.compact);
        QCOMPARE(g.actors.at(ActorId { 3 }).height(), COMPACT_ACTOR_HEIGHT);
        QVERIFY(g.above(ActorId { 1 }));
        QVERIFY(!g.above(ActorId { 10 }));
        QVERIFY(g.actors.at(ActorId { 10 }).top() > g.objects.at(ObjectId { 1 }).bottom());
    }

    void queueLanesGrowTheQueue()
    {
        QVERIFY(objectHeight({ ObjectId { 1 }, ObjectKind::Queue, 3 })
            > objectHeight({ ObjectId { 1 }, ObjectKind::Queue, 1 }));
    }

    void queueParts()
    {
        const QRectF r(100, 50, 500, objectHeight({ ObjectId { 1 }, ObjectKind::Queue, 2 }));
        const QueueGeometry sut(r, 2, 40);

        QCOMPARE(sut.lanes.size(), std::size_t(2));
        QVERIFY(sut.lanes[0].right() < sut.tube.left()); // buffers, then the pipe, then the tray
        QVERIFY(sut.tube.right() < sut.tray.left());
        QVERIFY(r.contains(sut.callouts));
        QVERIFY(r.contains(sut.tray));
        QVERIFY(sut.callouts.height() >= 60); // room for an answer and its truth
        QVERIFY(sut.writerX < sut.readerX);
        QVERIFY(sut.tube.left() <= sut.writerX && sut.readerX <= sut.tube.right());
        for (int i = 0; i < sut.pipeTokens.capacity(); ++i)
            QVERIFY(sut.tube.contains(sut.pipeTokens.slot(i)));
        QVERIFY(sut.trayCapacity() >= 4);
        QVERIFY(sut.tray.contains(sut.traySlot(sut.trayCapacity() - 1)));
    }

    void tokenRows_data()
    {
        QTest::addColumn<bool>("fromRight");
        QTest::addColumn<qreal>("firstX");
        QTest::newRow("buffer: oldest on the left") << false << 120.0;
        QTest::newRow("pipe: next to be read on the right") << true << 280.0;
    }

    void tokenRows()
    {
        QFETCH(bool, fromRight);
        QFETCH(qreal, firstX);
        const TokenRow sut { QRectF(100, 0, 200, 40), 40, fromRight };
        QCOMPARE(sut.capacity(), 4); // (200 + 8) / 48
        QCOMPARE(sut.slot(0).x(), firstX);
        QCOMPARE(sut.slot(0).y(), 20.0);
        QCOMPARE(std::abs(sut.slot(1).x() - sut.slot(0).x()), 48.0);
    }

    void pipeEndsFaceOutward()
    {
        const PipeGeometry sut(QRectF(0, 0, 500, 196));
        QVERIFY(sut.leftPort.x() < sut.tube.left());
        QVERIFY(sut.rightPort.x() > sut.tube.right());
        QVERIFY(sut.rightward.capacity() >= 5);
        QCOMPARE(sut.attach(true, true), QPointF(sut.leftPort.x(), 0));
        QCOMPARE(sut.attach(false, false), QPointF(sut.rightPort.x(), 196));
    }

    void chipsFillTheRowsThatFitThenStop()
    {
        const ActorGeometry sut(QRectF(0, 0, 300, 210), false, true); // room for two rows of chips
        const auto chips = sut.chips({ 130, 130, 130, 130, 130 });
        QCOMPARE(chips.size(), std::size_t(4)); // two rows of two; the fifth does not fit
        QVERIFY(chips[0].right() <= sut.handles.right() + 0.01); // toward the objects on the right
        QVERIFY(chips[2].top() > chips[0].top());
        for (const QRectF& c : chips)
            QVERIFY(sut.rect.contains(c));
    }

    void motionFollowsItsPathAndEases()
    {
        const TokenMotion sut({ QPointF(0, 0), QPointF(100, 0), QPointF(100, 100) }, 1000, 400);
        QCOMPARE(sut.position(1000), QPointF(0, 0));
        QCOMPARE(sut.position(1400), QPointF(100, 100));
        QCOMPARE(sut.position(5000), QPointF(100, 100));
        QCOMPARE(sut.position(1200), QPointF(100, 0)); // halfway in time, halfway along: the corner
        QVERIFY(sut.position(1050).x() < 100.0 * 50 / 400); // eased: slower than linear at the start
        QVERIFY(!sut.finished(1399));
        QVERIFY(sut.finished(1400));
        QCOMPARE(sut.length(), 200.0);
    }

    void slowMotionStretchesTheMove()
    {
        QCOMPARE(moveDurationMs(0.25), 4 * moveDurationMs(1.0));
        QCOMPARE(easeInOut(0), 0.0);
        QCOMPARE(easeInOut(1), 1.0);
        QCOMPARE(easeInOut(0.5), 0.5);
    }

    void wiresDropStraightIntoTheirEnd()
    {
        const Wire sut { QPointF(0, 0), QPointF(300, 80), Qt::blue };
        const QPainterPath path = wirePath(sut);
        QCOMPARE(path.pointAtPercent(0), QPointF(0, 0));
        QCOMPARE(path.pointAtPercent(1), QPointF(300, 80));
        QVERIFY(path.pointAtPercent(0.02).x() < 1); // leaves vertically
        QVERIFY(path.pointAtPercent(0.98).x() > 299); // arrives vertically
    }
};

QTEST_MAIN(TestStageGeometry)
#include "tst_stage_geometry.moc"
