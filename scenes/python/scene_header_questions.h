// SPDX-License-Identifier: MIT
#pragma once
// The "predict, then reveal" questions of a scene header (README: "A scene is a Python file"): a question with
// two to four choices, and for each choice one `answer` line saying what the run must do for that choice to
// be the right one, and why in one sentence:
//
//   question: What does empty() say right after put()? | True | False
//   answer True: prints "empty() right after put: True" -- the feeder thread had not written 'Hello' yet
//   answer False: prints "empty() right after put: False" -- the feeder thread wrote 'Hello' first
//
// An answer names its choice by its text or its letter (A-D) and holds one condition on what the run did:
//   prints "LINE"            a process printed this line ("..." stands for any text)
//   completes | hangs         how the run ended
//   loses updates             a Value or Array write overwrote another process's update
//   value NAME = EXPR         the last value written to the Value the program calls NAME (also < and >);
//                             EXPR is a number, a parameter, or several joined by * or + ("processes * increments")
//   otherwise                 none of the other choices' conditions held
// "{EXPR}" in a question's or a choice's text is replaced by its value ("{processes * increments}").
// The reveal (app/model/prediction_reveal.h) decides from the run which choice was right. Qt-free.

#include <mpstage/params.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mpstage {

enum class AnswerKind { Prints, Completes, Hangs, LosesUpdates, Value, Otherwise };

struct AnswerRule {
    AnswerKind kind = AnswerKind::Otherwise;
    std::string text; // Prints: the line; Value: the Value's name
    char op = '='; // Value: '=', '<' or '>'
    std::string expr; // Value: what it is compared with
    std::string why; // the sentence after "--"
    int line = 0; // 0: the choice has no answer yet
};

struct SceneQuestion {
    std::string text;
    std::vector<std::string> choices; // 2 to 4
    std::vector<AnswerRule> answers; // one per choice, in the same order
    int line = 0;
};

// Reads a "question: ..." or "answer CHOICE: ..." line (key is what comes before the colon) into the list;
// throws SceneHeaderError naming the line and the field when it is malformed.
void addQuestionLine(std::vector<SceneQuestion>& questions, const std::string& key, const std::string& value, int line);
// After the whole header: every choice has its answer, at most one `otherwise`, and each EXPR names only
// declared parameters.
void checkQuestions(const std::vector<SceneQuestion>& questions, const std::vector<ParamSpec>& params);

// EXPR with these parameter values (nullopt if a name is not a parameter or a value is not a number).
std::optional<std::int64_t> evaluateExpr(const std::string& expr, const ParamValues& values);
// The text with each "{EXPR}" replaced by its value.
std::string fillIn(const std::string& text, const ParamValues& values);
// A printed line against an answer's LINE, where each "..." stands for any text.
bool lineMatchesPattern(const std::string& pattern, const std::string& line);

} // namespace mpstage
