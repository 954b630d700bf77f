// SPDX-License-Identifier: MIT
// Goal mode's check, the explorer's report read back and a schedule given step by step: plain C++, fed by hand.

#include "event_script.h"
#include "model/explore_report.h"
#include "model/goal_check.h"
#include "run/step_plan.h"

#include <QTest>

using namespace mpstage;
using namespace mpstage::app;
using apptest::MAIN;
using apptest::P1;
using apptest::P2;
using mp::telemetry::Event;
using mp::telemetry::EventType;
using mp::telemetry::RunOutcome;

class TestGoalCheck : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aRunShowsItsDeclaredKindOnlyOnceItEndedAsDeclared()
    {
        QCOMPARE(shownOutcome(false, RunOutcome::Unknown, false, OutcomeKind::LosesUpdates), std::nullopt);
        QCOMPARE(shownOutcome(true, RunOutcome::AsDeclared, false, OutcomeKind::LosesUpdates),
            std::optional(OutcomeKind::LosesUpdates));
        // a race that lost nothing completed
        QCOMPARE(shownOutcome(true, RunOutcome::NotAsDeclared, false, OutcomeKind::LosesUpdates),
            std::optional(OutcomeKind::Completes));
        // a hang shows while the run goes on
        QCOMPARE(
            shownOutcome(false, RunOutcome::Unknown, true, OutcomeKind::Completes), std::optional(OutcomeKind::Hangs));
        // a scene that declares it completes and did not: its words say what, no kind
        QCOMPARE(shownOutcome(true, RunOutcome::NotAsDeclared, false, OutcomeKind::Completes), std::nullopt);
        QCOMPARE(shownOutcome(true, RunOutcome::Stopped, false, OutcomeKind::LosesUpdates), std::nullopt);
    }

    void theGoalIsReachedWhenTheShownOutcomeIsItsKind()
    {
        const Goal lose { "make both processes lose an update", OutcomeKind::LosesUpdates };
        const GoalState reached = checkGoal(lose, OutcomeKind::LosesUpdates, 9, 0);
        QVERIFY(reached.reached);
        QCOMPARE(reached.words, std::string("Goal reached: make both processes lose an update, in 9 steps."));
        const GoalState withExplorer = checkGoal(lose, OutcomeKind::LosesUpdates, 1, 6);
        QCOMPARE(withExplorer.words,
            std::string("Goal reached: make both processes lose an update, in 1 step. The explorer's schedule did "
                        "it in 6 steps."));
        const GoalState missed = checkGoal(lose, OutcomeKind::Completes, 9, 6);
        QVERIFY(!missed.reached);
        QVERIFY(missed.words.starts_with("Goal not reached: make both processes lose an update."));
        QVERIFY(checkGoal(lose, std::nullopt, 3, 0).words.empty()); // nothing to say yet
        QVERIFY(!checkGoal(Goal {}, OutcomeKind::LosesUpdates, 3, 0).reached); // no goal declared
        const Goal hang { "make the consumer hang", OutcomeKind::Hangs };
        QVERIFY(checkGoal(hang, OutcomeKind::Hangs, 4, 0).reached);
        QVERIFY(!checkGoal(hang, OutcomeKind::LosesUpdates, 4, 0).reached);
    }

    void theExplorersReportIsReadBack()
    {
        const ExploreReport r = readExploreReport(
            "Exploring value-increment (processes=2, increments=1, lock=false)\n"
            "Search: depth first over the gate grants, at most 1 preemption per run, micro-steps on\n"
            "Looking for: a run that shows the bug the scene declares (the final value is less)\n\n"
            "Tried 33 schedules in 2.41 s (15.1 runs per second; 2 more runs retraced schedules with fewer "
            "preemptions on the way to more): every schedule within the bound (at most 1 preemption per run).\n"
            "2 distinct outcomes:\n"
            "  bad  6 of 33 (18.2%)  lost 1 update: the final value is 1, not 2\n"
            "       first: schedule 4 (1 preemption, 11 grants), saved as /tmp/d/value-increment-1.schedule\n"
            "  good 27 of 33 (81.8%)  nothing lost (the processes took turns): 2\n"
            "       first: schedule 1 (0 preemptions, 9 grants), saved as /tmp/d/value-increment-2.schedule\n\n"
            "Found a bad interleaving: 6 of 33 schedules (18.2%) went bad\n");
        QVERIFY(r.read);
        QVERIFY(r.complete);
        QVERIFY(!r.stopped);
        QCOMPARE(r.tried, 33);
        QCOMPARE(r.outcomes.size(), std::size_t(2));
        QVERIFY(r.firstBad());
        QCOMPARE(r.firstBad()->count, 6);
        QCOMPARE(r.firstBad()->grants, 11);
        QCOMPARE(r.firstBad()->words, std::string("lost 1 update: the final value is 1, not 2"));
        QCOMPARE(r.firstBad()->file, std::string("/tmp/d/value-increment-1.schedule"));
        QCOMPARE(r.badCount(), 6);
        QVERIFY(!r.outcomes[1].bad);
        QCOMPARE(r.outcomes[1].count, 27);

        const ExploreReport stopped = readExploreReport("Stopped. Tried 5 schedules in 0.40 s (12.5 runs per second).\n"
                                                        "1 distinct outcome:\n"
                                                        "  good 5 of 5 (100.0%)  completes\n");
        QVERIFY(stopped.read && stopped.stopped && !stopped.complete);
        QCOMPARE(stopped.firstBad(), nullptr);
        QVERIFY(!readExploreReport("mpstage-host: unknown option\n").read);
    }

    void aScheduleIsReadAsStepsAndAMalformedLineIsNamed()
    {
        const auto steps = readStepPlan("{\"actor\":\"MainProcess\",\"micro\":true}\n\n{\"actor\":\"Process-2\"}\n");
        QCOMPARE(steps.size(), std::size_t(2));
        QCOMPARE(steps[0].actor, std::string("MainProcess"));
        QVERIFY(steps[0].micro);
        QVERIFY(!steps[1].micro);
        try {
            readStepPlan("{\"actor\":\"MainProcess\"}\nnot json\n");
            QFAIL("accepted a line that is not a step");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).starts_with("line 2 "), e.what());
        }
    }
    // A planned step waits for its process at a gate, for every other process to stop running, and for the
    // process granted last to have left its gate (an event from it since the grant).
    void aPlannedStepWaitsForItsProcessAndForTheLastOneToSettle()
    {
        apptest::Script script;
        mp::telemetry::World world;
        std::size_t applied = 0;
        const auto feed = [&] {
            for (; applied < script.events().size(); ++applied)
                world.apply(script.events()[applied]);
        };
        script.started(MAIN, "MainProcess").started(P1, "Process-1", MAIN).started(P2, "Process-2", MAIN);
        script.add(Event { .type = EventType::GateWaiting, .actor = P1 });
        script.add(Event { .type = EventType::GateWaiting, .actor = P2 });
        feed();
        StepPlan plan;
        plan.set({ { "Process-2", true }, { "Process-1", true } });
        QVERIFY(plan.active());
        QCOMPARE(plan.ready(world), nullptr); // MainProcess is still running
        script.add(Event { .type = EventType::GateWaiting, .actor = MAIN });
        feed();
        const mp::telemetry::Actor* first = plan.ready(world);
        QVERIFY(first);
        QCOMPARE(first->id, P2); // the schedule's, not the one that waited longest
        plan.advance(*first);
        QCOMPARE(plan.ready(world), nullptr); // Process-2 has not been heard from since its grant
        script.add(Event { .type = EventType::GatePassed, .actor = P2 });
        feed();
        QCOMPARE(plan.ready(world), nullptr); // it runs
        script.add(Event { .type = EventType::GateWaiting, .actor = P2 });
        feed();
        const mp::telemetry::Actor* second = plan.ready(world);
        QVERIFY(second);
        QCOMPARE(second->id, P1);
        plan.advance(*second);
        QVERIFY(!plan.active());
        QCOMPARE(plan.done(), std::size_t(2));
        QCOMPARE(plan.ready(world), nullptr);
    }
};

QTEST_GUILESS_MAIN(TestGoalCheck)
#include "tst_goal_check.moc"
