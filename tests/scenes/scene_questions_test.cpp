// SPDX-License-Identifier: MIT
// The "question:" and "answer CHOICE:" lines of a scene header (predict, then reveal): what they hold, the
// shipped scenes that ask, and one sentence naming the line and the field for each way they can be wrong.
#include "scene_header.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

using mpstage::AnswerKind;
using mpstage::parseParams;
using mpstage::parseSceneHeader;
using mpstage::SceneHeaderError;

std::string header(const std::string& lines)
{
    return "\"\"\"mpstage scene\ntitle: T\nparam n: int 1..9 = 2 -- n\nparam k: int 1..99 = 3 -- k\n" + lines
        + "\"\"\"\nprint(1)\n";
}

TEST(SceneQuestionsTest, AQuestionHoldsItsChoicesAndAnAnswerForEach)
{
    const auto h = parseSceneHeader(header("question: What does it print? | True | False | {n * k} lines\n"
                                           "answer True: prints \"empty: True\" -- the feeder -- had not written\n"
                                           "answer B: prints \"empty: ...\" -- it had\n"
                                           "answer C: value counter < n * k + 1 -- lost\n"
                                           "question: Does it end? | yes | no\n"
                                           "answer no: hangs -- the write end is open\n"
                                           "answer yes: otherwise -- it ended\n"));
    ASSERT_EQ(h.questions.size(), 2u);
    const auto& q = h.questions[0];
    EXPECT_EQ(q.text, "What does it print?");
    EXPECT_EQ(q.choices, (std::vector<std::string> { "True", "False", "{n * k} lines" }));
    EXPECT_EQ(q.line, 5);
    EXPECT_EQ(q.answers[0].kind, AnswerKind::Prints);
    EXPECT_EQ(q.answers[0].text, "empty: True");
    EXPECT_EQ(q.answers[0].why, "the feeder -- had not written");
    EXPECT_EQ(q.answers[1].text, "empty: ...");
    EXPECT_EQ(q.answers[2].kind, AnswerKind::Value);
    EXPECT_EQ(q.answers[2].text, "counter");
    EXPECT_EQ(q.answers[2].op, '<');
    EXPECT_EQ(q.answers[2].expr, "n * k + 1");
    EXPECT_EQ(h.questions[1].answers[0].kind, AnswerKind::Otherwise); // in choice order, not line order
    EXPECT_EQ(h.questions[1].answers[1].kind, AnswerKind::Hangs);
    EXPECT_EQ(h.questions[1].answers[1].line, 10);

    const auto at = parseParams(h.params, { { "n", "4" } });
    EXPECT_EQ(mpstage::fillIn(q.choices[2], at), "12 lines");
    EXPECT_EQ(mpstage::evaluateExpr("n * k + 1", at), 13);
    EXPECT_EQ(mpstage::evaluateExpr("2 + n * k * 2", at), 26);
    EXPECT_EQ(mpstage::evaluateExpr("nosuch", at), std::nullopt);
}

TEST(SceneQuestionsTest, TheShippedScenesAskTheirQuestions)
{
    for (const char* file : { "feeder_lag.py", "pipe_eof.py", "value_increment.py" }) {
        std::ifstream in(std::string(MPSTAGE_SOURCE_SCENES) + "/" + file);
        std::ostringstream text;
        text << in.rdbuf();
        const auto h = parseSceneHeader(text.str());
        ASSERT_EQ(h.questions.size(), 1u) << file;
        EXPECT_GE(h.questions[0].choices.size(), 2u) << file;
    }
}

TEST(SceneQuestionsTest, AMalformedQuestionNamesTheLineAndTheField)
{
    struct Bad {
        std::string lines;
        int at;
        const char* says;
    };
    for (const Bad& bad :
        std::vector<Bad> {
            { "question: Why? | only one\n", 5, "scene header line 5: 'question' needs 2 to 4 choices" },
            { "question: | a | b\n", 5, "'question' needs the question before its choices" },
            { "question: Q | a | a\n", 5, "'question' has the choice 'a' twice" },
            { "question: Q | a | | b\n", 5, "'question' has an empty choice B" },
            { "answer a: hangs -- x\n", 5, "'answer a' comes before any 'question:' line" },
            { "question: Q | a | b\nanswer c: hangs -- x\n", 6,
                "'answer c' names no choice of the question on line 5" },
            { "question: Q | a | b\nanswer a: explodes -- x\n", 6, "'answer a' must be prints \"LINE\", completes" },
            { "question: Q | a | b\nanswer a: hangs\n", 6, "'answer a' needs one sentence why after '--'" },
            { "question: Q | a | b\nanswer a: prints empty -- x\n", 6, "'answer a' needs the line in double quotes" },
            { "question: Q | a | b\nanswer a: value 3x = 1 -- x\n", 6, "needs the Value's Python name" },
            { "question: Q | a | b\nanswer a: value v < -- x\n", 6, "'answer a' needs a number or parameters" },
            { "question: Q | a | b\nanswer a: value v = nosuch * 2 -- x\nanswer b: otherwise -- y\n", 6,
                "'answer a' has 'nosuch * 2'" },
            { "question: Q | a | b\nanswer a: hangs -- x\n", 5, "'question' has no 'answer b:' line for its choice B" },
            { "question: Q | a | b\nanswer a: hangs -- x\nanswer a: completes -- y\n", 7,
                "'answer a' is given twice (first on line 6)" },
            { "question: Q | a | b\nanswer a: otherwise -- x\nanswer b: otherwise -- y\n", 7,
                "'answer' may say 'otherwise' for only one choice" },
            { "question: Q {m} | a | b\nanswer a: hangs -- x\nanswer b: completes -- y\n", 5, "'question' has 'm'" },
        }) {
        try {
            parseSceneHeader(header(bad.lines));
            ADD_FAILURE() << "accepted: " << bad.lines;
        } catch (const SceneHeaderError& e) {
            EXPECT_NE(std::string(e.what()).find(bad.says), std::string::npos) << e.what();
            EXPECT_EQ(e.line(), bad.at) << e.what();
        }
    }
}

} // namespace
