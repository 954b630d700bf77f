// SPDX-License-Identifier: MIT
// The stage's figures as the table makes them: a figure for every kind of object, and a stage fed a small
// hand-built run draws each object with the figure its row names, where the run puts it.

#include "event_script.h"
#include "model/run_state.h"
#include "model/shared_words.h"
#include "stage/figure_table.h"
#include "stage/object_figure.h"
#include "stage/pipe_figure.h"
#include "stage/queue_figure.h"
#include "stage/shared_memory_figure.h"
#include "stage/stage_scene.h"
#include "stage/value_figure.h"

#include <QTest>

#include <memory>

using namespace mpstage::app;
using namespace apptest;

namespace {

constexpr ObjectKind ALL_KINDS[]
    = { ObjectKind::Queue, ObjectKind::JoinableQueue, ObjectKind::SimpleQueue, ObjectKind::Pipe, ObjectKind::Lock,
          ObjectKind::RLock, ObjectKind::Semaphore, ObjectKind::BoundedSemaphore, ObjectKind::Condition,
          ObjectKind::Event, ObjectKind::Barrier, ObjectKind::Value, ObjectKind::Array, ObjectKind::SharedMemory };

template <class Figure> Figure* figureOf(const StageScene& stage, ObjectId id)
{
    for (QGraphicsItem* item : stage.items())
        if (auto* f = qgraphicsitem_cast<ObjectFigure*>(item); f && f->object() == id)
            return dynamic_cast<Figure*>(f);
    return nullptr;
}

Event closed(ActorId a, ObjectId pipe, int end)
{
    return Event { .type = EventType::EndpointClosed, .actor = a, .object = pipe, .a = end };
}

} // namespace

class TestStageFigures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyKindHasAFigureForItsObject()
    {
        for (ObjectKind kind : ALL_KINDS) {
            const FigureKind& row = figureKind(kind);
            const std::unique_ptr<ObjectFigure> f(row.make(ObjectId { 7 }));
            QVERIFY(f);
            QCOMPARE(f->object(), ObjectId { 7 });
            QCOMPARE(f->type(), int(ObjectFigure::Type));
            QVERIFY2(row.height(1) > 100, mp::telemetry::objectKindName(kind));
            QCOMPARE(row.drawsItsLock, kind == ObjectKind::Value || kind == ObjectKind::Array);
        }
        QVERIFY(figureKind(ObjectKind::Queue).height(3) > figureKind(ObjectKind::Queue).height(1));
        QCOMPARE(figureKind(ObjectKind::Pipe).height(3), figureKind(ObjectKind::Pipe).height(1));
    }

    void eachObjectIsDrawnByTheFigureItsRowNames()
    {
        const ObjectId queue { 1 }, pipe { 2 }, lock { 3 }, value { 4 };
        Script s;
        s.started(MAIN, "MainProcess")
            .created(MAIN, queue, ObjectKind::Queue, 0, "q")
            .created(MAIN, pipe, ObjectKind::Pipe, 1, "conn")
            .created(MAIN, lock, ObjectKind::Lock, 0, "")
            .created(MAIN, value, ObjectKind::Value, lock.value, "counter")
            .started(P1, "Process-1", MAIN)
            .put(P1, queue, 1, "1");
        RunState run;
        for (const Event& e : s.events())
            run.apply(e);
        StageScene stage;
        stage.sync(run, {});
        QVERIFY(figureOf<QueueFigure>(stage, queue));
        QVERIFY(figureOf<PipeFigure>(stage, pipe));
        QVERIFY(figureOf<ValueFigure>(stage, value));
        QVERIFY2(!figureOf<ObjectFigure>(stage, lock), "a Value's lock is drawn inside the Value");
        QCOMPARE(figureOf<QueueFigure>(stage, queue)->lanes(run.world()), 1); // Process-1's buffer
        QVERIFY(figureOf<QueueFigure>(stage, queue)->wirePort(0, true).has_value());
        QVERIFY(!figureOf<ValueFigure>(stage, value)->wirePort(0, true).has_value());
    }

    // pipe-both-send: the child closes parent_conn (end 0) before the parent closes child_conn (end 1); the
    // parent's end still stands on the left, below it, so the wires do not cross.
    void theMainProcessEndStandsOnTheLeft()
    {
        const ObjectId pipe { 1 };
        Script s;
        s.started(MAIN, "MainProcess")
            .created(MAIN, pipe, ObjectKind::Pipe, 1, "conn")
            .started(P1, "Process-1", MAIN)
            .add(closed(P1, pipe, 0))
            .add(closed(MAIN, pipe, 1));
        RunState run;
        StageScene stage;
        for (const Event& e : s.events()) {
            run.apply(e);
            stage.sync(run, {});
        }
        QCOMPARE(figureOf<PipeFigure>(stage, pipe)->leftEnd(), 0);
    }

    void aSharedMemoryShowsWhatIsKnownAndSaysWhatIsNot()
    {
        // SharedMemory(create=True, size=64) in MainProcess: ObjectCreated is all telemetry says of it (its
        // name, size and creator); what is written into buf, and who attaches by name, is not reported.
        const ObjectId block { 5 };
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, block, ObjectKind::SharedMemory, 64, "psm_0bdab384");
        s.started(P1, "Process-1", MAIN);
        RunState run;
        for (const Event& e : s.events())
            run.apply(e);
        StageScene stage;
        stage.sync(run, {});

        const auto* sut = figureOf<SharedMemoryFigure>(stage, block);
        QVERIFY(sut);
        QCOMPARE(sut->title(), QStringLiteral("psm_0bdab384  ·  SharedMemory(create=True, size=64)"));
        QCOMPARE(sut->size(), QStringLiteral("64 bytes"));
        QCOMPARE(sut->creator(), QStringLiteral("MainProcess"));
        QVERIFY(sut->unseen().startsWith(QStringLiteral("Its bytes are not drawn")));
        QVERIFY(!sut->unseen().contains(QStringLiteral("nobody waits"))); // what the lock's box used to say
        QVERIFY(figureKind(ObjectKind::SharedMemory).height(1) >= 140); // room for two lines of what is unseen
    }

    void aValueSaysHowOftenItWasWrittenNotItsEventCounts()
    {
        // lock-contention: the initial 0 (version 0), then 2 increments; the workers' reads of counter.value
        // are not all reported, so counting events ("reads 1 · writes 3") would say less than happened.
        const ObjectId value { 4 };
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, value, ObjectKind::Value, 0, "counter");
        auto wrote = [&](ActorId a, std::int64_t version, const std::string& repr) {
            s.add(Event {
                .type = EventType::ValueWritten, .actor = a, .object = value, .a = 0, .b = version, .text = repr });
        };
        wrote(MAIN, 0, "0");
        RunState fresh;
        for (const Event& e : s.events())
            fresh.apply(e);
        wrote(P1, 1, "1");
        wrote(P1, 2, "2");
        s.add(Event { .type = EventType::ValueRead, .actor = MAIN, .object = value, .a = 0, .b = 2, .text = "2" });
        RunState run;
        for (const Event& e : s.events())
            run.apply(e);

        QCOMPARE(valueWritesWords(fresh.world().value(value), false), std::string("not written since it was made"));
        QCOMPARE(
            valueWritesWords(run.world().value(value), false), std::string("written 2 times since it was made (v2)"));
        QCOMPARE(valueWritesWords(run.world().value(value), true),
            std::string("written 2 times since it was made (vN: that cell's writes)"));
        QCOMPARE(valueWritesWords(nullptr, false), std::string("not written since it was made"));
    }
};

QTEST_MAIN(TestStageFigures)
#include "tst_stage_figures.moc"
