// SPDX-License-Identifier: MIT
// The header of a Python scene file: every field a scene declares, and one sentence naming the line and the
// field for each way a teacher's header can be wrong.
#include "scene_header.h"

#include <gtest/gtest.h>

namespace {

using mpstage::ExpectedKind;
using mpstage::parseParams;
using mpstage::parseSceneHeader;
using mpstage::SceneHeaderError;

const char* const FULL = R"(# a comment before the docstring
"""mpstage scene
title: The consumer that never sees EOF
summary: A consumer reads until EOFError.
tags: pipe, pitfall
difficulty: 2
look: The write end's copies.
predict: Does it end?
why: EOF needs every copy of the write end closed.
hang-after: 0.5
param items: int 1..20 = 4 -- how many items
param close_unused: bool = true -- close the unused end
param delay: float 0..2 = 0.25 -- seconds between items
param mode: choice fork|spawn = fork -- the start method
variant: Leave the write end open | close_unused=false, items=2
expect when close_unused=false: hangs -- Process-1 waits in recv() for ever
expect: completes -- the consumer prints every item
"""
import multiprocessing
)";

TEST(SceneHeaderTest, ReadsEveryField)
{
    const auto h = parseSceneHeader(FULL);
    ASSERT_TRUE(h.present);
    EXPECT_EQ(h.title, "The consumer that never sees EOF");
    EXPECT_EQ(h.summary, "A consumer reads until EOFError.");
    EXPECT_EQ(h.tags, (std::vector<std::string> { "pipe", "pitfall" }));
    EXPECT_EQ(h.difficulty, 2);
    EXPECT_EQ(h.why, "EOF needs every copy of the write end closed.");
    EXPECT_DOUBLE_EQ(h.hangAfter, 0.5);
    ASSERT_EQ(h.params.size(), 4U);
    EXPECT_EQ(h.params[0].key, "items");
    EXPECT_EQ(h.params[0].type, mpstage::ParamType::Int);
    EXPECT_EQ(h.params[0].max, 20);
    EXPECT_EQ(h.params[0].defaultValue, "4");
    EXPECT_EQ(h.params[0].help, "how many items");
    EXPECT_EQ(h.params[1].type, mpstage::ParamType::Bool);
    EXPECT_EQ(h.params[2].type, mpstage::ParamType::Float);
    EXPECT_EQ(h.params[3].choices, (std::vector<std::string> { "fork", "spawn" }));
    ASSERT_EQ(h.variants.size(), 1U);
    EXPECT_EQ(h.variants[0].name, "Leave the write end open");
    EXPECT_EQ(h.variants[0].params.size(), 2U);
    const auto defaults = parseParams(h.params, {});
    EXPECT_EQ(h.expectationFor(defaults).kind, ExpectedKind::Completes);
    const auto open = parseParams(h.params, { { "close_unused", "false" } });
    EXPECT_EQ(h.expectationFor(open).kind, ExpectedKind::Hangs);
    EXPECT_EQ(h.expectationFor(open).words, "Process-1 waits in recv() for ever");
}

TEST(SceneHeaderTest, AnOrdinaryProgramHasNoHeader)
{
    EXPECT_FALSE(parseSceneHeader("\"\"\"A docstring of prose.\"\"\"\nimport os\n").present);
    EXPECT_FALSE(parseSceneHeader("import multiprocessing\n").present);
    EXPECT_FALSE(parseSceneHeader("").present);
}

// `prints` is the whole stdout of a completed run, one line inline or an indented block, and holds at the
// defaults except for what its `when` names; `hang says` lists phrases the hang sentences must contain.
TEST(SceneHeaderTest, PrintsAndHangSaysHoldWhereTheirWhenMatches)
{
    const auto sut = parseSceneHeader(R"x("""mpstage scene
title: T
param n: int 1..9 = 2 -- n
param big (Big (KiB)): bool = false -- b
prints when big=true: only this
prints:
    one

      two, indented

prints by Process-1 in any order when n=3:
    a
    b
hang says when big=true: "send()", "neither, ever"
"""
)x");
    ASSERT_EQ(sut.prints.size(), 3u);
    EXPECT_EQ(sut.params[0].label, "n");
    EXPECT_EQ(sut.params[1].key, "big");
    EXPECT_EQ(sut.params[1].label, "Big (KiB)");
    const auto at
        = [&](std::vector<std::pair<std::string, std::string>> given) { return parseParams(sut.params, given); };
    ASSERT_EQ(sut.printsFor(at({})).size(), 1u);
    EXPECT_EQ(sut.printsFor(at({})).front()->text, "one\n\n  two, indented\n");
    ASSERT_EQ(sut.printsFor(at({ { "big", "true" } })).size(), 1u);
    EXPECT_EQ(sut.printsFor(at({ { "big", "true" } })).front()->text, "only this\n");
    EXPECT_TRUE(sut.printsFor(at({ { "n", "4" } })).empty()); // n is not at its default: no prints declared
    const auto byProcess = sut.printsFor(at({ { "n", "3" } }));
    ASSERT_EQ(byProcess.size(), 1u);
    EXPECT_EQ(byProcess.front()->actor, "Process-1");
    EXPECT_TRUE(byProcess.front()->anyOrder);
    EXPECT_EQ(byProcess.front()->text, "a\nb\n");
    ASSERT_NE(sut.hangSaysFor(at({ { "big", "true" }, { "n", "5" } })), nullptr);
    EXPECT_EQ(
        sut.hangSaysFor(at({ { "big", "true" } }))->phrases, (std::vector<std::string> { "send()", "neither, ever" }));
    EXPECT_EQ(sut.hangSaysFor(at({})), nullptr);
}

TEST(SceneHeaderTest, AMalformedHeaderNamesTheLineAndTheField)
{
    struct Bad {
        const char* line;
        int at;
        const char* says;
    };
    for (const Bad& bad : std::vector<Bad> {
             { "difficulty: hard", 3, "scene header line 3: 'difficulty' must be 1, 2 or 3, not 'hard'" },
             { "colour: red", 3, "'colour' is not a field" },
             { "param n: int = 3 -- x", 3, "'param n' needs a range MIN..MAX" },
             { "param n: integer 1..3 = 2", 3, "has type 'integer'" },
             { "param n: int 1..3 = 9", 3, "'param n' has a bad default" },
             { "variant: Try it | nosuch=1", 3, "'variant' unknown parameter 'nosuch'" },
             { "expect: explodes", 3, "'expect' must be completes, hangs or loses updates, not 'explodes'" },
             { "just words", 3, "needs 'field: value'" },
             { "prints when nosuch=1: x", 3, "'prints' unknown parameter 'nosuch'" },
             { "printz: x", 3, "'printz' is not a field" },
             { "param n (N: int 1..3 = 2", 3, "needs 'param NAME (Label): ...'" },
             { "prints sideways: x", 3, "'prints sideways' is not a field" },
             { "hang says: send()", 3, "'hang says' needs phrases in double quotes" },
             { "hang says when x: \"a\"", 3, "'hang says' needs NAME=VALUE" },
         }) {
        const std::string source = std::string("\"\"\"mpstage scene\ntitle: T\n") + bad.line + "\n\"\"\"\n";
        try {
            parseSceneHeader(source);
            ADD_FAILURE() << "accepted: " << bad.line;
        } catch (const SceneHeaderError& e) {
            EXPECT_NE(std::string(e.what()).find(bad.says), std::string::npos) << e.what();
            EXPECT_EQ(e.line(), bad.at) << e.what();
        }
    }
    EXPECT_THROW(parseSceneHeader("\"\"\"mpstage scene\ntitle: T\n"), SceneHeaderError); // never closed
    EXPECT_THROW(parseSceneHeader("\"\"\"mpstage scene\nsummary: no title\n\"\"\"\n"), SceneHeaderError);
}

TEST(SceneHeaderTest, AGoalIsWhatToMakeHappenAndTheOutcomeThatShowsIt)
{
    const auto lose = parseSceneHeader(
        "\"\"\"mpstage scene\ntitle: T\ngoal: make both processes lose an update -- loses updates\n\"\"\"\n");
    EXPECT_EQ(lose.goal.words, "make both processes lose an update");
    EXPECT_EQ(lose.goal.kind, ExpectedKind::LosesUpdates);
    EXPECT_EQ(lose.goal.line, 3);
    // the words may hold dashes of their own: the last "--" ends them
    const auto hang = parseSceneHeader(
        "\"\"\"mpstage scene\ntitle: T\n\ngoal: make the consumer -- not the producer -- hang --  hangs\n\"\"\"\n");
    EXPECT_EQ(hang.goal.words, "make the consumer -- not the producer -- hang");
    EXPECT_EQ(hang.goal.kind, ExpectedKind::Hangs);
    EXPECT_EQ(hang.goal.line, 4);
    EXPECT_EQ(parseSceneHeader("\"\"\"mpstage scene\ntitle: T\n\"\"\"\n").goal.line, 0); // none declared
}

TEST(SceneHeaderTest, AMalformedGoalNamesTheLineAndTheField)
{
    for (const char* bad : { "goal: make it hang", "goal: make it hang -- explodes", "goal: -- hangs",
             "goal: finish -- completes", "goal: lose one -- loses updates\ngoal: again -- hangs" }) {
        const std::string source = std::string("\"\"\"mpstage scene\ntitle: T\n") + bad + "\n\"\"\"\n";
        try {
            parseSceneHeader(source);
            ADD_FAILURE() << "accepted: " << bad;
        } catch (const SceneHeaderError& e) {
            const std::string words = e.what();
            EXPECT_EQ(e.field(), "goal") << words;
            const bool twice = std::string(bad).find('\n') != std::string::npos;
            EXPECT_EQ(e.line(), twice ? 4 : 3) << words;
            EXPECT_EQ(
                words.find(twice ? "scene header line 4: 'goal' is declared twice (first on line 3)"
                                 : "scene header line 3: 'goal' needs 'words -- hangs' or 'words -- loses updates'"),
                0U)
                << words;
        }
    }
}

} // namespace
