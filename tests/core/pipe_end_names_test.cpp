// SPDX-License-Identifier: MIT
// A pipe's ends by the program's own names (`output_p, input_p = Pipe()`, ObjectLabel a = 1, 2): what the World
// keeps, how the narration, the hang sentences and wording::doing word them, what a stream without end names
// still reads, and the engine asking a namer before it reports an object.
#include <mp/connection.h>
#include <mp/queues.h>
#include <mp/telemetry/event_views.h>
#include <mp/telemetry/hang.h>
#include <mp/telemetry/narration.h>
#include <mp/telemetry/session.h>
#include <mp/telemetry/wording.h>

#include "leftovers.h"
#include "observe.h"
#include "telemetry_script.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace mp::telemetry;
using namespace mptest;

constexpr ObjectId PIPE { 1 };
constexpr std::uint64_t QUIET = 500'000'000;

Event endLabel(ObjectId pipe, int end, const std::string& name)
{
    return ev::plain(EventType::ObjectLabel, MAIN, pipe, end + 1, 0, name);
}

// MainProcess makes `output_p, input_p = Pipe()` (duplex) and starts Process-1, which holds both ends.
Script namedPipe(bool duplex = true)
{
    Script s;
    s << ev::started(MAIN, "MainProcess")
      << ev::created(MAIN, PIPE, ObjectKind::Pipe, duplex ? 1 : 0, duplex ? "output_p ↔ input_p" : "output_p ← input_p")
      << endLabel(PIPE, 0, "output_p") << endLabel(PIPE, 1, "input_p") << ev::started(P1, "Process-1", MAIN);
    return s;
}

World replay(const Script& s)
{
    World world;
    for (const Event& e : s.events())
        world.apply(e);
    return world;
}

std::string sentenceAbout(const Script& s, ActorId actor)
{
    const World world = replay(s);
    for (const HangSentence& h : explainHang(world, world.lastNs() + QUIET, QUIET))
        if (h.actor == actor)
            return h.text;
    return "(no sentence)";
}

// What the narration says of the script's last event, given everything before it.
std::string lastLine(const Script& s)
{
    World before;
    for (std::size_t i = 0; i + 1 < s.events().size(); ++i)
        before.apply(s.events()[i]);
    return describe(before, s.events().back());
}

TEST(PipeEndNamesTest, TheWorldKeepsEachEndsNameBesideThePipes)
{
    const World sut = replay(namedPipe());

    EXPECT_EQ(sut.objectName(PIPE), "output_p ↔ input_p");
    EXPECT_EQ(sut.endName(PIPE, 0), "output_p");
    EXPECT_EQ(sut.endName(PIPE, 1), "input_p");
    EXPECT_EQ(sut.endName(PIPE, 2), "");
    EXPECT_TRUE(wording::endsNamed(sut, PIPE));
    EXPECT_EQ(wording::pipeEnd(sut, PIPE, 1), "input_p");
}

TEST(PipeEndNamesTest, AStreamWithoutEndNamesReadsAsBefore)
{
    // ObjectLabel with a = 0 (every stream older than end names): the object's name, no end's.
    Script s;
    s << ev::started(MAIN, "MainProcess") << ev::created(MAIN, PIPE, ObjectKind::Pipe, 1, "pipe#1")
      << ev::plain(EventType::ObjectLabel, MAIN, PIPE, 0, 0, "the pipe") << ev::closed(MAIN, PIPE, 0);

    const World sut = replay(s);

    EXPECT_EQ(as<ObjectLabel>(s.events()[2]).end, -1);
    EXPECT_EQ(sut.objectName(PIPE), "the pipe");
    EXPECT_EQ(sut.endName(PIPE, 0), "");
    EXPECT_FALSE(wording::endsNamed(sut, PIPE));
    EXPECT_EQ(wording::pipeEnd(sut, PIPE, 0), "end 0");
    EXPECT_EQ(lastLine(s), "MainProcess closed its copy of end 0 of the pipe");
}

TEST(PipeEndNamesTest, TheNarrationSaysWhichEndByItsName)
{
    Script s = namedPipe();
    EXPECT_EQ(lastLine(s << ev::closed(MAIN, PIPE, 0)), "MainProcess closed its copy of output_p");
    EXPECT_EQ(lastLine(s << ev::send(MAIN, PIPE, 1, 0, "1")), "MainProcess sent 1 on input_p");
    EXPECT_EQ(lastLine(s << ev::recv(P1, PIPE, 0, 0, "1")), "Process-1 received 1 from output_p");
    EXPECT_EQ(lastLine(s << ev::blocked(P1, PIPE, "recv")), "Process-1 blocked in recv() on output_p");
    EXPECT_EQ(
        lastLine(s << ev::plain(EventType::Eof, P1, PIPE, 0)), "Process-1 saw end-of-file on output_p (EOFError)");
}

TEST(PipeEndNamesTest, ARecvThatCanNeverSeeEofNamesTheEndStillOpen)
{
    // pipe-eof with the consumer's close forgotten: it has read on output_p, and its own input_p stays open.
    Script s = namedPipe();
    s << ev::closed(MAIN, PIPE, 0) << ev::send(MAIN, PIPE, 1, 0, "1") << ev::closed(MAIN, PIPE, 1)
      << ev::recv(P1, PIPE, 0, 0, "1") << ev::blocked(P1, PIPE, "recv") << ev::blocked(MAIN, {}, "join", P1);

    EXPECT_EQ(sentenceAbout(s, P1),
        "Process-1 waits in recv() on output_p, but the other end, input_p, is still open in Process-1 itself, so "
        "end-of-file can never arrive.");
    EXPECT_EQ(sentenceAbout(s, MAIN),
        "MainProcess waits in join() for Process-1, which itself waits in recv() on "
        "output_p.");
}

TEST(PipeEndNamesTest, AnEndTheStreamCannotTellIsNotGivenAName)
{
    // Process-1 holds both ends and blocks in its first recv(): which end it reads is not in the stream, so
    // the sentence names the pipe, as it does without end names, rather than guess an end's name.
    Script s = namedPipe();
    s << ev::blocked(P1, PIPE, "recv") << ev::blocked(MAIN, {}, "join", P1);
    const World world = replay(s);

    EXPECT_EQ(wording::endInUse(world, P1, PIPE, true), -1);
    EXPECT_EQ(wording::doing(world, *world.actor(P1)), "waits in recv() on output_p ↔ input_p");
    EXPECT_EQ(sentenceAbout(s, P1),
        "Process-1 waits in recv() on output_p ↔ input_p, but the other end of output_p ↔ input_p is still open in "
        "Process-1 itself and in MainProcess, so end-of-file can never arrive.");
}

TEST(PipeEndNamesTest, AOneWayPipesEndsAreKnownByTheirDirection)
{
    Script s = namedPipe(false);
    s << ev::closed(P1, PIPE, 1) << ev::blocked(P1, PIPE, "recv") << ev::blocked(MAIN, {}, "join", P1);

    EXPECT_EQ(sentenceAbout(s, P1),
        "Process-1 waits in recv() on output_p, but the write end, input_p, is still open in MainProcess, so "
        "end-of-file can never arrive.");
}

TEST(PipeEndNamesTest, TwoSendersOnBothEndsAreToldByTheirEnds)
{
    Script s = namedPipe();
    s << ev::closed(MAIN, PIPE, 1) << ev::closed(P1, PIPE, 0) << ev::blocked(MAIN, PIPE, "send")
      << ev::blocked(P1, PIPE, "send");

    const World world = replay(s);
    const auto sentences = explainHang(world, world.lastNs() + QUIET, QUIET);

    ASSERT_EQ(sentences.size(), 1U) << "one cycle, one sentence";
    EXPECT_EQ(sentences[0].text,
        "MainProcess waits in send() on output_p while Process-1 waits in send() on input_p, the other end: each "
        "writes more than the pipe can hold while the other is not reading, so neither ever gets to recv().");
    EXPECT_EQ(sentences[0].actors, std::vector<ActorId> { P1 });
}

TEST(PipeEndNamesTest, ASenderNobodyReadsIsToldWhoHoldsTheOtherEnd)
{
    Script s = namedPipe();
    s << ev::closed(MAIN, PIPE, 1) << ev::closed(P1, PIPE, 0) << ev::blocked(MAIN, PIPE, "send")
      << ev::blocked(P1, {}, "acquire");

    EXPECT_EQ(sentenceAbout(s, MAIN),
        "MainProcess waits in send() on output_p, which is full, and nobody reads the other end, input_p: it is held "
        "by Process-1 (which waits in acquire()).");
}

// The engine side: a namer asked before each ObjectCreated of an observed run gives the label and the ends'.
ProgramNames pipesNamed(ObjectKind kind, std::int64_t)
{
    if (kind != ObjectKind::Pipe)
        return {};
    return { .object = "parent_conn ↔ child_conn", .ends = { "parent_conn", "child_conn" } };
}

class PipeEndNamesRunTest : public NoLeftovers { };

TEST_F(PipeEndNamesRunTest, TheEngineAsksTheNamerAndReportsTheEndsItNames)
{
    set_namer(pipesNamed);
    const Observed sut = observe([] {
        mp::Queue q;
        auto [parent_conn, child_conn] = mp::Pipe();
        child_conn.send(1);
        (void)parent_conn.recv();
    });
    set_namer(nullptr);

    ASSERT_EQ(sut.mainExitCode, 0);
    const auto created = ofType(sut.events, EventType::ObjectCreated);
    ASSERT_EQ(created.size(), 2U);
    EXPECT_EQ(created[0].text, "queue#1") << "a name the namer does not give keeps the default";
    EXPECT_EQ(created[1].text, "parent_conn ↔ child_conn");
    const auto labels = ofType(sut.events, EventType::ObjectLabel);
    ASSERT_EQ(labels.size(), 2U);
    EXPECT_EQ(labels[0].object, created[1].object);
    EXPECT_EQ(as<ObjectLabel>(labels[0]).end, 0);
    EXPECT_EQ(labels[0].text, "parent_conn");
    EXPECT_EQ(as<ObjectLabel>(labels[1]).end, 1);
    EXPECT_EQ(labels[1].text, "child_conn");
}

} // namespace
