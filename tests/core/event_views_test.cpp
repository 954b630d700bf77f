// SPDX-License-Identifier: MIT
// The typed views of the wire Event (event_views.h): each field comes from the field core/TELEMETRY.md names
// for it. The events are filled with a different value in every field, so a view that read `b` for `a`, or
// `detail` for `text`, fails here.
#include <mp/telemetry/event_views.h>
#include <mp/telemetry/wire.h>

#include <gtest/gtest.h>

#include <vector>

namespace {

using namespace mp::telemetry;

constexpr ObjectId OBJECT { 3 };
constexpr ItemId ITEM { 5 };
constexpr std::int64_t A = 7;
constexpr std::int64_t B = 11;

Event filled(EventType type)
{
    return Event { .type = type,
        .thread = 2,
        .actor = ActorId { 13 },
        .timeNs = 17,
        .seq = 19,
        .object = OBJECT,
        .item = ITEM,
        .a = A,
        .b = B,
        .text = "the text",
        .detail = "the detail" };
}

Event with(EventType type, std::int64_t a, std::int64_t b = 0)
{
    Event e = filled(type);
    e.a = a;
    e.b = b;
    return e;
}

TEST(EventViewsTest, RunAndActorViewsReadTheirFields)
{
    const Event started = with(EventType::RunStarted, 2);
    const Event actor = filled(EventType::ActorStarted);
    const Event exited = filled(EventType::ActorExited);
    const Event line = filled(EventType::Line);

    const auto run = as<RunStarted>(started);
    const auto a = as<ActorStarted>(actor);
    const auto x = as<ActorExited>(exited);

    EXPECT_EQ(run.scene, "the text");
    EXPECT_EQ(run.parameters, "the detail");
    EXPECT_EQ(run.detail, Detail::Full);
    EXPECT_EQ(a.name, "the text");
    EXPECT_EQ(a.pid, A);
    EXPECT_EQ(a.parent, ActorId { 11 });
    EXPECT_EQ(a.parentSeq, 5U);
    EXPECT_EQ(x.exited, ActorId { 11 });
    EXPECT_EQ(x.code, A);
    EXPECT_EQ(x.name, "the text");
    EXPECT_EQ(as<Line>(line).line, A);
}

TEST(EventViewsTest, APrintSaysWhichStream)
{
    const Event out = with(EventType::Print, 1);
    const Event err = with(EventType::Print, 2);

    EXPECT_FALSE(as<Print>(out).toStderr);
    EXPECT_TRUE(as<Print>(err).toStderr);
    EXPECT_EQ(as<Print>(err).text, "the text");
}

TEST(EventViewsTest, ObjectViewsReadTheirFields)
{
    const Event created = with(EventType::ObjectCreated, static_cast<std::int64_t>(ObjectKind::Semaphore), B);
    const Event label = filled(EventType::ObjectLabel);
    const Event closedWriter = with(EventType::EndpointClosed, 1);
    const Event closedReader = with(EventType::EndpointClosed, 0);

    const auto c = as<ObjectCreated>(created);

    EXPECT_EQ(c.object, OBJECT);
    EXPECT_EQ(c.kind, ObjectKind::Semaphore);
    EXPECT_EQ(c.parameter, B);
    EXPECT_EQ(c.label, "the text");
    EXPECT_EQ(as<ObjectLabel>(label).name, "the text");
    EXPECT_EQ(as<EndpointClosed>(closedWriter).end, 1);
    EXPECT_EQ(as<EndpointClosed>(closedReader).end, 0);
}

TEST(EventViewsTest, QueueViewsReadTheirFields)
{
    const Event put = filled(EventType::PutCalled);
    const Event buffered = filled(EventType::PutBuffered);
    const Event written = filled(EventType::FeederWritten);
    const Event got = filled(EventType::GetReturned);
    const Event raised = filled(EventType::GetRaised);
    const Event done = filled(EventType::TaskDone);

    const auto p = as<PutCalled>(put);
    const auto w = as<FeederWritten>(written);
    const auto g = as<GetReturned>(got);
    const auto r = as<GetRaised>(raised);

    EXPECT_EQ(p.queue, OBJECT);
    EXPECT_EQ(p.item, ITEM);
    EXPECT_EQ(&p.repr, &put.text); // a view refers to its event's strings, it does not copy them
    EXPECT_EQ(as<PutBuffered>(buffered).item, ITEM);
    EXPECT_EQ(w.item, ITEM);
    EXPECT_EQ(w.index, A);
    EXPECT_EQ(g.queue, OBJECT);
    EXPECT_EQ(g.index, A);
    EXPECT_EQ(g.repr, "the text");
    EXPECT_EQ(r.item, ITEM);
    EXPECT_EQ(r.exception, "the text");
    EXPECT_EQ(r.message, "the detail");
    EXPECT_EQ(as<TaskDone>(done).unfinished, A);
}

TEST(EventViewsTest, QueueAnswersAndJoinsSayWhatWasAnswered)
{
    const Event empty = with(EventType::EmptyAnswer, 1);
    const Event notFull = with(EventType::FullAnswer, 0);
    const Event size = with(EventType::QsizeAnswer, A);
    const Event joinCalled = with(EventType::JoinQueue, 0);
    const Event joinReturned = with(EventType::JoinQueue, 1);

    EXPECT_EQ(as<QueueAnswered>(empty).question, EventType::EmptyAnswer);
    EXPECT_TRUE(as<QueueAnswered>(empty).saidTrue());
    EXPECT_EQ(as<QueueAnswered>(notFull).question, EventType::FullAnswer);
    EXPECT_FALSE(as<QueueAnswered>(notFull).saidTrue());
    EXPECT_EQ(as<QueueAnswered>(size).answer, A);
    EXPECT_EQ(as<QueueAnswered>(size).queue, OBJECT);
    EXPECT_FALSE(as<JoinQueue>(joinCalled).returned);
    EXPECT_TRUE(as<JoinQueue>(joinReturned).returned);
}

TEST(EventViewsTest, PipeViewsReadTheEndFromAAndTheIndexFromB)
{
    const Event send = with(EventType::Send, 1, B);
    const Event recv = with(EventType::Recv, 0, B);
    const Event eof = with(EventType::Eof, 1);
    const Event ready = with(EventType::Poll, 1, 1);
    const Event idle = with(EventType::Poll, 0, 0);

    const auto s = as<Send>(send);
    const auto r = as<Recv>(recv);

    EXPECT_EQ(s.pipe, OBJECT);
    EXPECT_EQ(s.end, 1);
    EXPECT_EQ(s.index, B);
    EXPECT_EQ(s.repr, "the text");
    EXPECT_EQ(r.end, 0);
    EXPECT_EQ(r.index, B);
    EXPECT_EQ(as<Eof>(eof).end, 1);
    Event progress = with(EventType::SendProgress, 1, 4096);
    progress.text = "1048580";
    Event garbled = with(EventType::SendProgress, 0, -5);
    garbled.text = "12x";
    EXPECT_EQ(as<SendProgress>(progress).end, 1);
    EXPECT_EQ(as<SendProgress>(progress).held, 4096u);
    EXPECT_EQ(as<SendProgress>(progress).total, 1048580u);
    EXPECT_EQ(as<SendProgress>(garbled).held, 0u);
    EXPECT_EQ(as<SendProgress>(garbled).total, 0u);
    EXPECT_EQ(as<Poll>(ready).end, 1);
    EXPECT_TRUE(as<Poll>(ready).ready);
    EXPECT_FALSE(as<Poll>(idle).ready);
}

TEST(EventViewsTest, LockViewsReadTheWaitFromAAndTheAcquisitionFromB)
{
    const Event acquired = filled(EventType::LockAcquired);
    const Event unmeasured = with(EventType::LockAcquired, -3, B); // never negative: no wait is shown
    const Event released = filled(EventType::LockReleased);
    const Event died = filled(EventType::HolderDied);

    EXPECT_EQ(as<LockAcquired>(acquired).lock, OBJECT);
    EXPECT_EQ(as<LockAcquired>(acquired).waitedNs, 7U);
    EXPECT_EQ(as<LockAcquired>(acquired).acquisition, B);
    EXPECT_EQ(as<LockAcquired>(unmeasured).waitedNs, 0U);
    EXPECT_EQ(as<LockReleased>(released).acquisition, B);
    EXPECT_EQ(as<HolderDied>(died).holderPid, A);
}

TEST(EventViewsTest, ValueViewsReadTheIndexFromAAndTheVersionFromB)
{
    const Event read = filled(EventType::ValueRead);
    const Event written = filled(EventType::ValueWritten);

    const auto r = as<ValueRead>(read);
    const auto w = as<ValueWritten>(written);

    EXPECT_EQ(r.value, OBJECT);
    EXPECT_EQ(r.index, A);
    EXPECT_EQ(r.version, B);
    EXPECT_EQ(r.repr, "the text");
    EXPECT_EQ(w.index, A);
    EXPECT_EQ(w.version, B);
    EXPECT_EQ(w.repr, "the text");
    EXPECT_EQ(w.old, "the detail");
}

TEST(EventViewsTest, BlockingAndGateViewsReadTheirFields)
{
    const Event blocked = filled(EventType::Blocked);
    const Event unblocked = filled(EventType::Unblocked);
    const Event micro = with(EventType::GateWaiting, 1);
    const Event step = with(EventType::GateWaiting, 0);

    EXPECT_EQ(as<Blocked>(blocked).object, OBJECT);
    EXPECT_EQ(as<Blocked>(blocked).joined, ActorId { 11 });
    EXPECT_EQ(as<Blocked>(blocked).operation, "the text");
    const Event timed = with(EventType::Blocked, 1);
    const Event untimed = with(EventType::Blocked, 0);
    EXPECT_TRUE(as<Blocked>(timed).timed);
    EXPECT_FALSE(as<Blocked>(untimed).timed);
    EXPECT_EQ(as<Unblocked>(unblocked).operation, "the text");
    EXPECT_TRUE(as<GateWaiting>(micro).micro);
    EXPECT_FALSE(as<GateWaiting>(step).micro);
    EXPECT_EQ(as<GateWaiting>(step).where, "the text");
}

TEST(EventViewsTest, CountersWithAnObjectCountWithoutOneTheyTellTheTelemetryStall)
{
    const Event counts = filled(EventType::Counters);
    Event stall = filled(EventType::Counters);
    stall.object = ObjectId {};

    EXPECT_TRUE(is<Counters>(counts));
    EXPECT_FALSE(is<TelemetryStall>(counts));
    EXPECT_TRUE(is<TelemetryStall>(stall));
    EXPECT_FALSE(is<Counters>(stall));
    EXPECT_EQ(as<Counters>(counts).put, A);
    EXPECT_EQ(as<Counters>(counts).got, B);
    EXPECT_EQ(as<TelemetryStall>(stall).stalledNs, 11U);
}

TEST(EventViewsTest, AViewIsOfItsOwnTypesOnly)
{
    std::vector<EventType> answers;
    std::vector<EventType> putCalled;
    for (std::uint16_t t = 0; t < 256; ++t) {
        if (!isKnownEventType(t))
            continue;
        const Event e = filled(static_cast<EventType>(t));
        if (is<QueueAnswered>(e))
            answers.push_back(e.type);
        if (is<PutCalled>(e))
            putCalled.push_back(e.type);
    }

    EXPECT_EQ(
        answers, (std::vector<EventType> { EventType::EmptyAnswer, EventType::QsizeAnswer, EventType::FullAnswer }));
    EXPECT_EQ(putCalled, (std::vector<EventType> { EventType::PutCalled }));
}

// RunEnded.a carries the outcome; the words stay in text, as every host has written them.
TEST(EventViewsTest, TheOutcomeTravelsAsAValueBesideTheWordsTheHostAlwaysWrote)
{
    struct Case {
        RunOutcome outcome;
        std::string reason;
        std::string words;
        std::int64_t a;
    };
    const std::vector<Case> cases {
        { RunOutcome::AsDeclared, "completes", "as declared: completes", 1 },
        { RunOutcome::NotAsDeclared, "hung", "not as declared: hung", 2 },
        { RunOutcome::Stopped, "", "stopped", 3 },
        { RunOutcome::Error, "no such scene", "error: no such scene", 4 },
    };
    for (const Case& c : cases) {
        std::string bytes = streamHeader();
        encodeFrame(bytes, RunEnded::make(c.outcome, c.reason));
        Decoder decoder;
        decoder.feed(bytes);
        const auto e = decoder.next();
        ASSERT_TRUE(e);

        const auto sut = as<RunEnded>(*e);

        EXPECT_EQ(e->a, c.a) << c.words;
        EXPECT_EQ(sut.words, c.words);
        EXPECT_EQ(sut.outcome, c.outcome) << c.words;
        EXPECT_EQ(sut.reason(), c.reason) << c.words;
    }
}

TEST(EventViewsTest, AnOlderStreamsOutcomeIsReadFromItsWords)
{
    struct Case {
        std::string words;
        RunOutcome outcome;
        std::string reason;
    };
    const std::vector<Case> cases {
        { "as declared: completes", RunOutcome::AsDeclared, "completes" },
        { "not as declared: hung", RunOutcome::NotAsDeclared, "hung" },
        { "stopped", RunOutcome::Stopped, "" },
        { "error: the host died", RunOutcome::Error, "the host died" },
        { "something else", RunOutcome::Unknown, "something else" },
    };
    for (const Case& c : cases) {
        const Event old { .type = EventType::RunEnded, .a = 0, .text = c.words };

        const auto sut = as<RunEnded>(old);

        EXPECT_EQ(sut.outcome, c.outcome) << c.words;
        EXPECT_EQ(sut.reason(), c.reason) << c.words;
    }
}

} // namespace
