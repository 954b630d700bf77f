// SPDX-License-Identifier: MIT
// Predict, then reveal (model/prediction_reveal.h): which choice a run showed and when, decided from the run's
// own events: its prints, how it ended, a Value's last value. Hand-built runs, and a real recorded hang.
#include "event_script.h"
#include "model/prediction_reveal.h"
#include "scene_header.h"

#include <mp/telemetry/event_views.h>
#include <mp/telemetry/wire.h>

#include <QTest>

#include <fstream>
#include <sstream>

using namespace apptest;
using mp::telemetry::RunEnded;
using mp::telemetry::RunOutcome;
using mpstage::app::evidenceOf;
using mpstage::app::revealAnswer;

namespace {

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

mpstage::SceneHeader shipped(const char* file)
{
    return mpstage::parseSceneHeader(readFile(std::string(MPSTAGE_SOURCE_DIR) + "/scenes/programs/" + file));
}

mpstage::ParamValues at(const mpstage::SceneHeader& h, std::vector<std::pair<std::string, std::string>> given)
{
    return mpstage::parseParams(h.params, given);
}

Event ended(RunOutcome outcome, const std::string& words)
{
    Event e = RunEnded::make(outcome, words);
    e.actor = MAIN;
    return e;
}

// v.value += 1 by two processes: each reads version `read` and writes the next value.
void increment(Script& s, ActorId a, std::int64_t read, std::int64_t wrote, std::int64_t version)
{
    s.add(Event { .type = EventType::ValueRead,
        .actor = a,
        .object = ObjectId { 1 },
        .a = 0,
        .b = read,
        .text = std::to_string(read) });
    s.add(Event { .type = EventType::ValueWritten,
        .actor = a,
        .object = ObjectId { 1 },
        .a = 0,
        .b = version,
        .text = std::to_string(wrote),
        .detail = std::to_string(read) });
}

} // namespace

class TestPredictionReveal : public QObject {
    Q_OBJECT

private slots:
    void thePrintThatAnswersIsTheRightChoiceAtItsTime()
    {
        const auto h = shipped("feeder_lag.py");
        Script s;
        s.started(MAIN, "MainProcess");
        s.print(MAIN, "empty() right after put: ");
        s.print(MAIN, "False\nempty() a moment later: False\n"); // the line ends in the second chunk
        const std::uint64_t printed = s.now();
        s.add(ended(RunOutcome::AsDeclared, "completes"));
        const auto run = evidenceOf(s.events(), h.hangAfter);
        const auto r = revealAnswer(h.questions[0], run, at(h, {}));
        QVERIFY(r.known);
        QCOMPARE(r.choice, 1); // False: this run's feeder wrote first
        QCOMPARE(r.atNs, printed - run.startNs);
        QCOMPARE(r.shown, std::string("At 0.0 ms MainProcess printed 'empty() right after put: False'."));
        QVERIFY(r.why.find("feeder thread wrote 'Hello'") != std::string::npos);
        QVERIFY(!r.otherWay);

        Script t;
        t.started(MAIN, "MainProcess");
        t.print(MAIN, "empty() right after put: True\n");
        QCOMPARE(revealAnswer(h.questions[0], evidenceOf(t.events(), 1.0), at(h, {})).choice, 0);
    }

    void aLostUpdateIsLessAndALuckyRunSaysItCameOutTheOtherWay()
    {
        const auto h = shipped("value_increment.py");
        const auto params = at(h, { { "processes", "2" }, { "increments", "1" } });
        QCOMPARE(mpstage::fillIn(h.questions[0].choices[1], params), std::string("less than 2"));
        Script lost;
        lost.started(MAIN, "MainProcess").started(P1, "Process-1", MAIN).started(P2, "Process-2", MAIN);
        lost.created(MAIN, ObjectId { 1 }, ObjectKind::Value, 0, "share_value");
        lost.add(
            Event { .type = EventType::ValueRead, .actor = P1, .object = ObjectId { 1 }, .a = 0, .b = 0, .text = "0" });
        increment(lost, P2, 0, 1, 1);
        lost.add(Event { .type = EventType::ValueWritten,
            .actor = P1,
            .object = ObjectId { 1 },
            .a = 0,
            .b = 2,
            .text = "1",
            .detail = "1" });
        const std::uint64_t lastWrite = lost.now();
        lost.add(ended(RunOutcome::AsDeclared, "final value 1 of 2: 1 update lost"));
        const auto run = evidenceOf(lost.events(), 1.0);
        QVERIFY(run.firstLostNs.has_value());
        const auto r = revealAnswer(h.questions[0], run, params);
        QCOMPARE(r.choice, 1);
        QCOMPARE(r.atNs, lastWrite - run.startNs);
        QVERIFY(r.shown.ends_with(" the last write left share_value at 1 (processes * increments = 2)."));
        QVERIFY(!r.otherWay);

        Script lucky; // the processes took turns: nothing lost, not what the scene declares
        lucky.started(MAIN, "MainProcess").started(P1, "Process-1", MAIN).started(P2, "Process-2", MAIN);
        lucky.created(MAIN, ObjectId { 1 }, ObjectKind::Value, 0, "share_value");
        increment(lucky, P1, 0, 1, 1);
        increment(lucky, P2, 1, 2, 2);
        lucky.add(ended(RunOutcome::NotAsDeclared, "final value 2 of 2, nothing lost this time"));
        const auto l = revealAnswer(h.questions[0], evidenceOf(lucky.events(), 1.0), params);
        QCOMPARE(l.choice, 0);
        QVERIFY(l.otherWay);
        QCOMPARE(l.note,
            std::string("This run did not come out as the scene declares: final value 2 of 2, nothing lost this time; "
                        "run it again or step it."));

        Script stopped; // Stop pressed after one increment: 1 is less than 2, but not a final value
        stopped.started(MAIN, "MainProcess").created(MAIN, ObjectId { 1 }, ObjectKind::Value, 0, "share_value");
        increment(stopped, P1, 0, 1, 1);
        stopped.add(ended(RunOutcome::Stopped, ""));
        const auto s = revealAnswer(h.questions[0], evidenceOf(stopped.events(), 1.0), params);
        QVERIFY(!s.known);
        QVERIFY(s.note.starts_with("This run showed none of the choices"));

        Script early; // stopped before its end: no final value, no answer
        early.started(MAIN, "MainProcess").created(MAIN, ObjectId { 1 }, ObjectKind::Value, 0, "share_value");
        increment(early, P1, 0, 1, 1);
        const auto e = revealAnswer(h.questions[0], evidenceOf(early.events(), 1.0), params);
        QVERIFY(!e.known);
        QCOMPARE(e.choice, -1);
    }

    void aRecordedHangAnswersItHangsWhenItStoppedMoving()
    {
        const auto h = shipped("pipe_eof.py");
        mp::telemetry::Decoder decoder;
        decoder.feed(readFile(std::string(MPSTAGE_SOURCE_DIR) + "/tests/core/golden/pipe_eof_hang.mpst"));
        std::vector<Event> events;
        while (auto e = decoder.next())
            events.push_back(std::move(*e));
        QVERIFY(!events.empty());
        const auto run = evidenceOf(events, 1.0);
        QVERIFY(run.hung);
        const auto r = revealAnswer(h.questions[0], run, at(h, { { "close_unused", "false" } }));
        QCOMPARE(r.choice, 1);
        QVERIFY(r.atNs > 0 && r.atNs < run.endNs - run.startNs);
        QVERIFY(r.shown.ends_with(" the run hung: every process waits and nothing can move."));

        Script done; // the same question, answered by the consumer's last line
        done.started(MAIN, "MainProcess").started(P1, "Process-1", MAIN);
        done.print(P1, "4\nConsumer done\n");
        done.add(ended(RunOutcome::AsDeclared, "completes"));
        const auto d = revealAnswer(h.questions[0], evidenceOf(done.events(), 1.0), at(h, {}));
        QCOMPARE(d.choice, 0);
        QVERIFY(d.shown.ends_with(" Process-1 printed 'Consumer done'."));
    }
};

QTEST_GUILESS_MAIN(TestPredictionReveal)
#include "tst_prediction_reveal.moc"
