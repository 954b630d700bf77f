// SPDX-License-Identifier: MIT
// Looking back at a run: the timeline's lanes hold the spans and marks of the events; scrubbing to any event
// of a real run gives the same state as replaying the events up to it; stepping and playing back move the
// cursor; and the gate grants of a stepped run, given again with real processes, lose the same update.

#include "charts/charts_panel.h"
#include "event_script.h"
#include "model/lanes.h"
#include "run/run_controller.h"
#include "stage/actor_figure.h"
#include "stage/stage_scene.h"
#include "timeline/scrubber.h"
#include "timeline/timeline_panel.h"
#include "timeline/timeline_view.h"
#include "ui/banner.h"
#include "ui/main_window.h"
#include "ui/transport.h"

#include <QTest>

using namespace mpstage::app;
using namespace apptest;
using mp::telemetry::ActorStatus;
using mpstage::timeline::MarkKind;
using mpstage::timeline::SpanKind;

namespace {

constexpr ObjectId Q { 7 };

RunState replayFirst(const std::vector<Event>& events, std::size_t k)
{
    RunState state;
    for (std::size_t i = 0; i < k; ++i)
        state.apply(events[i]);
    return state;
}

void runToEnd(MainWindow& w, std::vector<std::pair<std::string, std::string>> params)
{
    QVERIFY(w.openScene(QStringLiteral("value-increment"), params));
    w.transport().runAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(w.controller().phase(), RunPhase::Ended, 30000);
}

const mp::telemetry::Actor* actorNamed(const MainWindow& w, const std::string& name)
{
    for (const auto* a : w.controller().state().world().actors())
        if (a->name == name)
            return a;
    return nullptr;
}

// Lets one process take one step and waits until it has settled again: at its next gate, blocked, or gone.
bool stepAndSettle(MainWindow& w, const std::string& name)
{
    if (!QTest::qWaitFor(
            [&] {
                const auto* a = actorNamed(w, name);
                return a && a->status == ActorStatus::AtGate;
            },
            10000))
        return false;
    const auto since = actorNamed(w, name)->gate.sinceNs;
    const auto id = actorNamed(w, name)->id;
    w.controller().stepActor(id);
    return QTest::qWaitFor(
        [&] {
            const auto* a = actorNamed(w, name);
            return a->status == ActorStatus::Exited || a->status == ActorStatus::Blocked
                || (a->status == ActorStatus::AtGate && a->gate.sinceNs != since);
        },
        10000);
}

std::uint64_t lostWrites(const MainWindow& w)
{
    for (const auto* o : w.controller().state().world().objects())
        if (const auto* v = w.controller().state().world().value(o->id))
            return v->lostWrites();
    return 0;
}

} // namespace

class TestTimeline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qputenv("MPSTAGE_HOST", MPSTAGE_HOST_BIN); }

    void lanesHoldSpansAndMarks()
    {
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, Q, ObjectKind::Queue, 0, "q").started(P1, "Process-1", MAIN);
        s.add(Event { .type = EventType::GetCalled, .actor = P1, .object = Q });
        s.add(Event { .type = EventType::Blocked, .actor = P1, .object = Q, .text = "get" });
        s.put(MAIN, Q, 1, "'x'");
        s.add(Event { .type = EventType::Unblocked, .actor = P1, .object = Q });
        s.add(Event { .type = EventType::GetReturned, .actor = P1, .object = Q, .a = 0, .text = "'x'" });
        s.add(Event { .type = EventType::GateWaiting, .actor = MAIN, .text = "line" });
        s.add(Event { .type = EventType::GatePassed, .actor = MAIN });
        s.add(Event { .type = EventType::ActorExited, .actor = MAIN, .a = 0, .b = P1.value, .text = "Process-1" });
        mpstage::timeline::Lanes sut;
        for (const Event& e : s.events())
            sut.apply(e);

        QCOMPARE(sut.lanes().size(), std::size_t(2));
        const auto& main = sut.lanes()[0];
        const auto& child = sut.lanes()[1];
        QCOMPARE(main.name, std::string("MainProcess"));
        QCOMPARE(child.name, std::string("Process-1"));
        QCOMPARE(child.spans.size(), std::size_t(1));
        QVERIFY(child.spans[0].kind == SpanKind::Blocked);
        QCOMPARE(child.spans[0].what, std::string("get"));
        QVERIFY(child.spans[0].to > child.spans[0].from);
        QCOMPARE(child.marks.size(), std::size_t(1));
        QVERIFY(child.marks[0].kind == MarkKind::Get);
        QVERIFY(child.exited > child.spans[0].to);
        QCOMPARE(main.marks.size(), std::size_t(1));
        QVERIFY(main.marks[0].kind == MarkKind::Put);
        QCOMPARE(main.spans.size(), std::size_t(1));
        QVERIFY(main.spans[0].kind == SpanKind::AtGate);
        QCOMPARE(main.exited, std::uint64_t(0));
        // instants map to event counts
        QCOMPARE(sut.eventCount(), s.events().size());
        QCOMPARE(sut.eventsUntil(0), std::size_t(1));
        QCOMPARE(sut.eventsUntil(sut.timeOf(4)), std::size_t(5));
        QCOMPARE(sut.eventsUntil(sut.duration() + 1), s.events().size());
    }

    void aLaneShowsWhenItsProcessHeldALock()
    {
        constexpr ObjectId L { 9 };
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, L, ObjectKind::RLock, 0, "lock");
        s.add(Event { .type = EventType::LockAcquired, .actor = MAIN, .object = L, .b = 1 });
        s.add(Event { .type = EventType::LockAcquired, .actor = MAIN, .object = L, .b = 2 }); // re-entered
        s.add(Event { .type = EventType::LockReleased, .actor = MAIN, .object = L, .b = 2 });
        s.add(Event { .type = EventType::LockReleased, .actor = MAIN, .object = L, .b = 1 });
        s.add(Event { .type = EventType::LockAcquired, .actor = MAIN, .object = L, .b = 3 });
        mpstage::timeline::Lanes sut;
        for (const Event& e : s.events())
            sut.apply(e);

        const auto& spans = sut.lanes().front().spans;
        QCOMPARE(spans.size(), std::size_t(2)); // one span for the nested holds, one still open
        QVERIFY(spans[0].kind == SpanKind::Holding);
        QCOMPARE(spans[0].from, sut.timeOf(2));
        QCOMPARE(spans[0].to, sut.timeOf(5));
        QCOMPARE(spans[1].to, std::uint64_t(0));
    }

    void scrubbingToAnEventGivesTheSameStateAsReplayingUpToIt()
    {
        MainWindow w;
        runToEnd(w, { { "processes", "3" }, { "increments", "200" } });
        const auto& events = w.controller().record().history.events();
        const std::size_t total = events.size();
        QVERIFY(total > 1000);
        QVERIFY(w.controller().record().history.complete());
        Scrubber& sut = w.scrubber();

        for (const std::size_t k : { std::size_t(0), std::size_t(1), total / 3, total / 2 + 7, total - 1, total }) {
            sut.scrubTo(k);
            QVERIFY(sut.looking());
            QCOMPARE(sut.cursor(), k);
            const RunState expected = replayFirst(events, k);
            QVERIFY2(sut.shown().world() == expected.world(), qPrintable(QStringLiteral("at event %1").arg(k)));
            QCOMPARE(sut.shown().consoleTotal(), expected.consoleTotal());
        }
        // the stage draws only who existed then
        sut.scrubTo(2);
        for (const auto* a : w.controller().state().world().actors())
            QCOMPARE(w.stage().actorFigure(a->id) != nullptr, sut.shown().world().actor(a->id) != nullptr);
        // a step forward applies one event to what is shown; a step back goes through a snapshot
        sut.scrubTo(total / 2);
        sut.stepEvent(+1);
        QVERIFY(sut.shown().world() == replayFirst(events, total / 2 + 1).world());
        sut.stepEvent(-1);
        sut.stepEvent(-1);
        QVERIFY(sut.shown().world() == replayFirst(events, total / 2 - 1).world());
        // the words and the charts' cursor follow
        QVERIFY(w.timeline().where().startsWith(QStringLiteral("event ")));
        QCOMPARE(w.banner().kind(), MessageKind::Hint);
        QVERIFY(w.banner().text().startsWith(QStringLiteral("Looking back: event ")));
        QVERIFY(w.charts().cursor().has_value());
        QVERIFY(*w.charts().cursor() > 0);
        sut.goLive();
        QVERIFY(!w.charts().cursor().has_value());
        QCOMPARE(w.banner().kind(), w.controller().messageKind()); // the run's own words again
        QVERIFY(!sut.looking());
        QVERIFY(&sut.shown() == &w.controller().state());
    }

    void keysAndTheMouseMoveTheCursor()
    {
        MainWindow w;
        w.resize(1600, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        runToEnd(w, { { "processes", "2" }, { "increments", "50" } });
        const std::size_t total = w.scrubber().total();

        QTest::keyClick(&w, Qt::Key_Comma);
        QVERIFY(w.scrubber().looking());
        QCOMPARE(w.scrubber().cursor(), total - 1);
        QTest::keyClick(&w, Qt::Key_Home);
        QCOMPARE(w.scrubber().cursor(), std::size_t(0));
        QTest::keyClick(&w, Qt::Key_Period);
        QCOMPARE(w.scrubber().cursor(), std::size_t(1));
        QTest::keyClick(&w, Qt::Key_End);
        QVERIFY(!w.scrubber().looking());

        // a press in the middle of the lanes shows the instant under it
        TimelineView& view = w.timeline().view();
        const double x = view.xOf(w.controller().record().lanes.duration() / 2);
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(static_cast<int>(x), view.height() / 3));
        QVERIFY(w.scrubber().looking());
        const std::size_t k = w.scrubber().cursor();
        QCOMPARE(k, w.controller().record().lanes.eventsUntil(view.timeAt(static_cast<int>(x))));
        QVERIFY(k > 0 && k < total);
    }

    void playingBackRunsToTheEnd()
    {
        MainWindow w;
        runToEnd(w, { { "processes", "2" }, { "increments", "50" } });
        Scrubber& sut = w.scrubber();
        sut.setSpeed(50);
        sut.play();
        QVERIFY(sut.playing());
        QVERIFY(sut.looking());
        QTRY_VERIFY_WITH_TIMEOUT(!sut.playing(), 20000);
        QCOMPARE(sut.cursor(), sut.total());
        QVERIFY(sut.shown().world() == w.controller().state().world());
    }

    void aSteppedInterleavingRunsAgainFromItsSchedule()
    {
        MainWindow w;
        QVERIFY(w.openScene(
            QStringLiteral("value-increment"), { { "processes", "2" }, { "increments", "1" }, { "lock", "false" } }));
        RunController& c = w.controller();
        c.setMicro(true);
        w.transport().stepAction()->trigger(); // starts the run, paused; MainProcess goes until both children
        //                                         wait at a gate
        for (int i = 0; i < 200 && !(actorNamed(w, "Process-1") && actorNamed(w, "Process-2")); ++i)
            QVERIFY(stepAndSettle(w, "MainProcess"));
        // both read before either writes
        for (const char* name : { "Process-1", "Process-1", "Process-2", "Process-2", "Process-1", "Process-2" })
            QVERIFY2(stepAndSettle(w, name), name);
        c.run();
        QTRY_COMPARE_WITH_TIMEOUT(c.phase(), RunPhase::Ended, 20000);
        QCOMPARE(lostWrites(w), std::uint64_t(1));
        const std::string schedule = c.lastSchedule();
        QVERIFY(!schedule.empty());

        w.runSchedule(schedule);
        QTRY_COMPARE_WITH_TIMEOUT(c.phase(), RunPhase::Ended, 20000);
        QCOMPARE(c.messageKind(), MessageKind::Success);
        QCOMPARE(lostWrites(w), std::uint64_t(1));
        QVERIFY(c.state().outcome().find("final value 1 ") != std::string::npos);
    }

    void aScheduleThatDoesNotFitIsRefusedInWords()
    {
        MainWindow w;
        QVERIFY(w.openScene(QStringLiteral("value-increment"), { { "processes", "2" }, { "increments", "1" } }));
        w.runSchedule("{\"actor\":\"Process-9\",\"micro\":false}\n");
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().active(), 20000);
        QCOMPARE(w.controller().messageKind(), MessageKind::Error);
        QVERIFY2(w.controller().messageText().contains(QStringLiteral("schedule")),
            qPrintable(w.controller().messageText()));
    }
};

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
