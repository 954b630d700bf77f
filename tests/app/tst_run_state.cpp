// SPDX-License-Identifier: MIT
// What the window says about a run, from hand-built telemetry: the console, lost updates, the outcome, the
// words for a process's state, the queue call-outs; and the control lines and the command line.

#include "event_script.h"
#include "model/queue_words.h"
#include "model/run_state.h"
#include "model/wording.h"
#include "run/control_lines.h"
#include "run/frame_stats.h"
#include "stage/actor_card.h"
#include "ui/app_options.h"

#include <QTest>

#include <csignal>

using namespace mpstage::app;
using namespace apptest;
using mp::telemetry::RunOutcome;

namespace {

RunState fold(const Script& s)
{
    RunState run;
    for (const auto& e : s.events())
        run.apply(e);
    return run;
}

} // namespace

class TestRunState : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void outcomeFromRunEnded()
    {
        Script s;
        s.started(MAIN, "MainProcess")
            .add(Event { .type = EventType::RunEnded, .a = 1, .text = "as declared: completes" });
        const RunState sut = fold(s);
        QVERIFY(sut.ended());
        QVERIFY(sut.asDeclared());
        QCOMPARE(sut.outcome(), std::string("as declared: completes"));
    }

    // The outcome is the value RunEnded carries; a run saved before it had one (a = 0) says it in words.
    void outcomeIsAValueEvenForAnOlderSavedRun_data()
    {
        QTest::addColumn<qint64>("a");
        QTest::addColumn<QString>("words");
        QTest::addColumn<int>("result");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<bool>("asDeclared");
        const auto row = [](const char* name, qint64 a, const char* words, RunOutcome result, const char* reason) {
            QTest::newRow(name) << a << QString::fromUtf8(words) << static_cast<int>(result)
                                << QString::fromUtf8(reason) << (result == RunOutcome::AsDeclared);
        };
        row("not as declared", 2, "not as declared: hung", RunOutcome::NotAsDeclared, "hung");
        row("stopped", 3, "stopped", RunOutcome::Stopped, "");
        row("error", 4, "error: no such scene", RunOutcome::Error, "no such scene");
        row("older: not as declared", 0, "not as declared: hung", RunOutcome::NotAsDeclared, "hung");
        row("older: stopped", 0, "stopped", RunOutcome::Stopped, "");
        row("older: error", 0, "error: no such scene", RunOutcome::Error, "no such scene");
        row("older: other words", 0, "it ended", RunOutcome::Unknown, "it ended");
    }

    void outcomeIsAValueEvenForAnOlderSavedRun()
    {
        QFETCH(qint64, a);
        QFETCH(QString, words);
        QFETCH(int, result);
        QFETCH(QString, reason);
        QFETCH(bool, asDeclared);
        Script s;
        s.started(MAIN, "MainProcess").add(Event { .type = EventType::RunEnded, .a = a, .text = words.toStdString() });

        const RunState sut = fold(s);

        QVERIFY(sut.ended());
        QCOMPARE(static_cast<int>(sut.result()), result);
        QCOMPARE(QString::fromUtf8(sut.outcomeReason()), reason);
        QCOMPARE(sut.asDeclared(), asDeclared);
        QCOMPARE(sut.outcome(), words.toStdString());
    }

    void unfinishedLinesAreFlushedWhenTheProcessExits()
    {
        Script s;
        s.started(MAIN, "MainProcess").started(P1, "Process-1", MAIN).print(P1, "no newline");
        s.add(Event { .type = EventType::ActorExited, .actor = MAIN, .a = 0, .b = P1.value, .text = "Process-1" });
        const RunState sut = fold(s);
        QCOMPARE(sut.console().size(), std::size_t(1));
        QCOMPARE(sut.console().front().text, std::string("no newline"));
        QCOMPARE(sut.console().front().actor, P1);
    }

    void everyEndEverHeldIsRemembered()
    {
        const ObjectId pipe { 1 };
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, pipe, ObjectKind::Pipe, 1, "pipe");
        s.add(Event { .type = EventType::EndpointClosed, .actor = MAIN, .object = pipe, .a = 0 });
        const RunState sut = fold(s);
        // Opened and closed between two frames, yet the stage can still strike it through.
        QVERIFY(sut.everHeld().count(mp::telemetry::EndpointRef { MAIN, pipe, 0 }));
        QVERIFY(!sut.world().endpoints().holds(MAIN, pipe, 0));
        QVERIFY(sut.world().endpoints().holds(MAIN, pipe, 1));
    }

    void exitWords_data()
    {
        QTest::addColumn<qint64>("code");
        QTest::addColumn<QString>("words");
        QTest::newRow("clean") << qint64(0) << QStringLiteral("exited, code 0");
        QTest::newRow("error") << qint64(1) << QStringLiteral("exited, code 1");
        QTest::newRow("killed") << qint64(-SIGKILL) << QStringLiteral("killed by SIGKILL");
        QTest::newRow("odd signal") << qint64(-42) << QStringLiteral("killed by signal 42");
    }

    void exitWords()
    {
        QFETCH(qint64, code);
        QFETCH(QString, words);
        QCOMPARE(QString::fromStdString(mpstage::app::exitWords(code)), words);
    }

    void stateWordsAndWhetherAStepCanBeTaken()
    {
        const ObjectId q { 1 };
        Script s;
        s.started(MAIN, "MainProcess").started(P1, "Process-1", MAIN).created(MAIN, q, ObjectKind::Queue, 0, "q");
        s.add(Event { .type = EventType::Blocked, .actor = P1, .object = q, .text = "get" });
        s.add(Event { .type = EventType::GateWaiting, .actor = MAIN, .text = "put" });
        const RunState run = fold(s);
        const auto& world = run.world();

        QCOMPARE(actorStateWords(world, *world.actor(P1)), std::string("blocked in get() on q"));
        QCOMPARE(actorStateWords(world, *world.actor(MAIN)), std::string("paused before put"));
        QVERIFY(whyNoStep(world, *world.actor(MAIN)).empty());
        QVERIFY(whyNoStep(world, *world.actor(P1)).find("blocked in get() on q") != std::string::npos);

        const ActorCard card = actorCard(world, *world.actor(P1), {}, s.now() + 2'000'000'000ULL, {}, {});
        QCOMPARE(card.mood, ActorMood::Blocked);
        QCOMPARE(card.name, QStringLiteral("Process-1"));
        QCOMPARE(card.pid, QStringLiteral("pid 1002"));
        QVERIFY(card.since.endsWith(QStringLiteral(" s")));
        QCOMPARE(durationWords(1'500'000), std::string("2 ms"));
    }

    void emptyCalloutShowsTheItemStillInTheBuffer()
    {
        const ObjectId q { 1 };
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, q, ObjectKind::Queue, 0, "q").put(MAIN, q, 1, "'Hello'");
        s.add(Event { .type = EventType::EmptyAnswer, .actor = MAIN, .object = q, .a = 1 });
        const RunState run = fold(s);

        const auto sut = calloutFor(run.world(), q, EventType::EmptyAnswer);

        QVERIFY(sut.has_value());
        QCOMPARE(sut->question, std::string("q.empty()"));
        QCOMPARE(sut->answer, std::string("True"));
        QVERIFY(sut->misleading);
        QCOMPARE(sut->truth, std::string("but 1 in MainProcess's buffer: the pipe is empty"));
        QVERIFY(!calloutFor(run.world(), q, EventType::QsizeAnswer).has_value()); // never asked
        QCOMPARE(feederWords(run.world().actor(MAIN), q, 1), std::string("starting"));
    }

    void theLastFewAnswersAreKeptEachWithItsOwnTruth()
    {
        const ObjectId q { 1 };
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, q, ObjectKind::Queue, 0, "q").put(MAIN, q, 1, "'Hello'");
        s.add(Event { .type = EventType::EmptyAnswer, .actor = MAIN, .object = q, .a = 1 });
        s.written(MAIN, q, 1, 0);
        s.add(Event { .type = EventType::EmptyAnswer, .actor = MAIN, .object = q, .a = 0 });
        for (int i = 0; i < 3; ++i)
            s.add(Event { .type = EventType::QsizeAnswer, .actor = MAIN, .object = q, .a = 1 });
        RunState sut;
        for (std::size_t i = 0; i < 7; ++i) // up to the second empty()
            sut.apply(s.events()[i]);

        QCOMPARE(sut.answers(q).size(), std::size_t(2));
        QVERIFY(sut.answers(q).front().misleading); // True, while 'Hello' was in the buffer
        QCOMPARE(sut.answers(q).back().answer, std::string("False"));
        QCOMPARE(sut.answers(q).back().truth, std::string("truth: 1 in the pipe, 0 in buffers"));

        for (std::size_t i = 7; i < s.events().size(); ++i)
            sut.apply(s.events()[i]);
        QCOMPARE(sut.answers(q).size(), std::size_t(3)); // bounded: the newest three
        QCOMPARE(sut.answers(q).front().question, std::string("q.qsize()"));
    }

    void aFullOrEmptyRaisedIsACalloutOnTheQueue()
    {
        // bounded-queue: three items fill Queue(maxsize=3); put_nowait('one more') and put('one more',
        // timeout=...) raise Full; later get() raises Empty while an item is still in a producer's buffer.
        const ObjectId q { 1 };
        const ItemId extra { (static_cast<std::uint64_t>(MAIN.value) << 40) | 10 };
        Script s;
        s.started(MAIN, "MainProcess").created(MAIN, q, ObjectKind::Queue, 3, "q");
        for (std::uint64_t n = 1; n <= 3; ++n)
            s.put(MAIN, q, n, std::to_string(n - 1)).written(MAIN, q, n, static_cast<std::int64_t>(n - 1));
        for (int i = 0; i < 2; ++i) {
            s.add(Event {
                .type = EventType::PutCalled, .actor = MAIN, .object = q, .item = extra, .text = "'one more'" });
            s.add(Event { .type = EventType::GetRaised, .actor = MAIN, .object = q, .item = extra, .text = "Full" });
        }
        RunState sut;
        for (const Event& e : s.events())
            sut.apply(e);
        const std::size_t applied = s.events().size();

        QCOMPARE(sut.answers(q).size(), std::size_t(1)); // the same call raising again is one call-out
        const Callout full = sut.answers(q).back();
        QVERIFY(full.raised);
        QCOMPARE(full.times, 2);
        QCOMPARE(full.question, std::string("q.put()"));
        QCOMPARE(full.answer, std::string("Full"));
        QCOMPARE(full.truth, std::string("'one more' not put: 3 of maxsize 3 on their way"));
        QCOMPARE(full.asker, MAIN);
        QVERIFY(!sut.world().queue(q)->item(extra)); // the World let the item go, the call-out still names it

        s.started(P1, "Process-1", MAIN);
        for (std::int64_t i = 0; i < 3; ++i)
            s.got(P1, q, i, std::to_string(i));
        s.put(MAIN, q, 4, "'late'"); // buffered: the feeder has not written it yet
        s.add(Event { .type = EventType::GetRaised, .actor = P1, .object = q, .text = "Empty" });
        for (std::size_t i = applied; i < s.events().size(); ++i)
            sut.apply(s.events()[i]);
        QCOMPARE(sut.answers(q).size(), std::size_t(2));
        const Callout& empty = sut.answers(q).back();
        QVERIFY(empty.raised);
        QCOMPARE(empty.times, 1);
        QCOMPARE(empty.question, std::string("q.get()"));
        QCOMPARE(empty.answer, std::string("Empty"));
        QCOMPARE(empty.truth, std::string("but 1 in MainProcess's buffer: not yet in the pipe"));
        QCOMPARE(empty.asker, P1);
    }

    void controlLinesAreWhatTheHostParses()
    {
        QCOMPARE(stepLine(2, true), std::string("{\"cmd\":\"step\",\"actor\":2,\"micro\":true}\n"));
        QCOMPARE(microLine(false), std::string("{\"cmd\":\"micro\",\"on\":false}\n"));
        QCOMPARE(killLine(3), std::string("{\"cmd\":\"kill\",\"actor\":3}\n"));
        QCOMPARE(pauseLine(), std::string("{\"cmd\":\"pause\"}\n"));
    }

    void commandLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("ok");
        QTest::newRow("scene and params") << QStringList { QStringLiteral("--scene"), QStringLiteral("pipe-eof"),
            QStringLiteral("--param"), QStringLiteral("close_unused=false") }
                                          << true;
        QTest::newRow("screenshot at the end, sized") << QStringList { QStringLiteral("--screenshot"),
            QStringLiteral("a.png"), QStringLiteral("--at-end"), QStringLiteral("--size"), QStringLiteral("1280x720") }
                                                      << true;
        QTest::newRow("param without =") << QStringList { QStringLiteral("--param"), QStringLiteral("items") } << false;
        QTest::newRow("bad size") << QStringList { QStringLiteral("--screenshot"), QStringLiteral("a.png"),
            QStringLiteral("--size"), QStringLiteral("big") }
                                  << false;
        QTest::newRow("at-end alone") << QStringList { QStringLiteral("--at-end") } << false;
        QTest::newRow("steps") << QStringList { QStringLiteral("--screenshot"), QStringLiteral("a.png"),
            QStringLiteral("--steps"), QStringLiteral("14") }
                               << true;
        QTest::newRow("steps and at-end") << QStringList { QStringLiteral("--screenshot"), QStringLiteral("a.png"),
            QStringLiteral("--steps"), QStringLiteral("3"), QStringLiteral("--at-end") }
                                          << false;
        QTest::newRow("steps naming processes") << QStringList { QStringLiteral("--screenshot"),
            QStringLiteral("a.png"), QStringLiteral("--steps"), QStringLiteral("1,1,2,2") }
                                                << true;
        QTest::newRow("steps naming no process") << QStringList { QStringLiteral("--screenshot"),
            QStringLiteral("a.png"), QStringLiteral("--steps"), QStringLiteral("1,x") }
                                                 << false;
        QTest::newRow("scene folders") << QStringList { QStringLiteral("--scenes"), QStringLiteral("/tmp") } << true;
        QTest::newRow("charts") << QStringList { QStringLiteral("--charts") } << true;
        QTest::newRow("replay, export trace") << QStringList { QStringLiteral("--open-run"), QStringLiteral("a.run"),
            QStringLiteral("--export-trace"), QStringLiteral("t.json") }
                                              << true;
        QTest::newRow("export trace of nothing")
            << QStringList { QStringLiteral("--export-trace"), QStringLiteral("t.json") } << false;
    }

    void commandLine()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, ok);
        args.prepend(QStringLiteral("mpstage"));
        const AppOptions sut = parseAppOptions(args);
        QCOMPARE(sut.error.isEmpty(), ok);
        if (ok && args.contains(QStringLiteral("--param"))) {
            QCOMPARE(sut.params.size(), std::size_t(1));
            QCOMPARE(sut.params.front().first, std::string("close_unused"));
        }
        if (ok && args.contains(QStringLiteral("--size")))
            QCOMPARE(sut.size, QSize(1280, 720));
        if (ok && args.contains(QStringLiteral("1,1,2,2"))) {
            QCOMPARE(sut.stepActors, (std::vector<int> { 1, 1, 2, 2 }));
            QCOMPARE(sut.steps, 4);
        }
        if (ok && args.contains(QStringLiteral("--scenes")))
            QCOMPARE(sut.sceneFolders, QStringList { QStringLiteral("/tmp") });
    }

    void frameStats()
    {
        FrameStats sut;
        sut.frame(16, 1, 1000, 0);
        sut.frame(17, 2, 1000, 50);
        sut.frame(16, 0.1, 0, 0); // an idle frame does not count as streaming
        QCOMPARE(sut.events(), std::uint64_t(2000));
        QCOMPARE(sut.maxBacklog(), std::size_t(50));
        QCOMPARE(sut.intervalPercentile(100), 17.0);
        QVERIFY(qAbs(sut.eventsPerSecond() - 2000 * 1000.0 / 33) < 1);
        QVERIFY(residentKiB() > 0);
    }
};

QTEST_MAIN(TestRunState)
#include "tst_run_state.moc"
