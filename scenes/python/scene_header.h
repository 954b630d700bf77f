// SPDX-License-Identifier: MIT
#pragma once
// A Python scene file: a program whose module docstring starts with the line "mpstage scene" and then
// holds, one "field: value" per line, what a scene declares (README: "A scene is a Python file"):
//
//   title: / summary: / tags: a, b / difficulty: 1|2|3 / look: / predict: / why: / hang-after: SECONDS / race: yes
//   param NAME: int MIN..MAX = DEFAULT -- help      (also: bool = true, float MIN..MAX = 0.5, choice a|b = a)
//   param NAME (Label in the form): ...               (the label is NAME when none is given)
//   variant: words shown as "Try: ..." | NAME=VALUE, NAME=VALUE
//   expect: completes|hangs|loses updates -- the words      expect when NAME=VALUE, ...: hangs -- the words
//   prints [by PROCESS] [in any order] [when NAME=VALUE, ...]: one line of stdout
//       (or nothing after the colon and the lines below it, indented): the whole stdout of a run that completes,
//       or one process's output, at the defaults but for what `when` names; "..." in a line stands for any text
//   hang says [when NAME=VALUE, ...]: "send()", "recv()"    (what the hang sentence of a run that hangs must say)
//   question: TEXT | CHOICE | CHOICE [| CHOICE | CHOICE]     then, for each choice, what the run must do for it:
//   answer CHOICE: prints "LINE" | completes | hangs | loses updates | value NAME = EXPR (< >) | otherwise -- why
//       (a predict-then-reveal question; scene_header_questions.h)
//   goal: make both processes lose an update -- loses updates    (or -- hangs: what a student stepping by hand
//       tries to make the run do; the app says when the run's outcome is it, and in how many steps)
//
// The program reads each parameter as a module-level name. Qt-free: the app and the host both read it.

#include "scene_header_questions.h"

#include <mpstage/params.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mpstage {

// "scene header line 7: 'difficulty' must be 1, 2 or 3, not 'hard'"
class SceneHeaderError : public std::runtime_error {
public:
    SceneHeaderError(int line, const std::string& field, const std::string& message);
    int line() const { return m_line; }
    const std::string& field() const { return m_field; }

private:
    int m_line;
    std::string m_field;
};

enum class ExpectedKind { Completes, Hangs, LosesUpdates };

struct SceneHeader {
    struct Expectation {
        std::vector<std::pair<std::string, std::string>> when; // all must match (empty: always)
        ExpectedKind kind = ExpectedKind::Completes;
        std::string words;
        int line = 0;
    };
    // The stdout of a run that completes (every process's prints, in arrival order), or what one process
    // printed (`by`; stdout and stderr, and then every process that printed must have its own), where `when`
    // matches and every parameter it does not name is at its default. A line's "..." stands for any text.
    struct Prints {
        std::vector<std::pair<std::string, std::string>> when;
        std::string actor; // empty: every process's stdout
        bool anyOrder = false; // the same lines, in any order
        std::string text; // each line with its newline
        int line = 0;
    };
    // Phrases the hang sentences of a run that hangs must each contain, where `when` matches.
    struct HangSays {
        std::vector<std::pair<std::string, std::string>> when;
        std::vector<std::string> phrases;
        int line = 0;
    };
    // What a student stepping the processes by hand tries to make happen (The Deadlock Empire's goal mode).
    struct Goal {
        std::string words; // "make both processes lose an update"
        ExpectedKind kind = ExpectedKind::LosesUpdates;
        int line = 0; // 0: the scene declares no goal
    };
    struct Try {
        std::string name;
        std::vector<std::pair<std::string, std::string>> params;
        int line = 0;
    };
    bool present = false; // false: an ordinary program (no "mpstage scene" docstring)
    std::string title, summary, look, predict, why;
    std::vector<std::string> tags;
    int difficulty = 1;
    double hangAfter = 1.0;
    bool race = false;
    std::vector<ParamSpec> params;
    std::vector<Try> variants;
    std::vector<Expectation> expect;
    std::vector<Prints> prints;
    std::vector<HangSays> hangSays;
    std::vector<SceneQuestion> questions; // predict, then reveal
    Goal goal;

    // The first expectation whose `when` matches the values (a program with none "completes").
    Expectation expectationFor(const ParamValues& values) const;
    // The first `prints` that holds for these values, and the first `prints by` for each process.
    std::vector<const Prints*> printsFor(const ParamValues& values) const;
    // The first `hang says` whose `when` matches (nullptr: none is declared for these values).
    const HangSays* hangSaysFor(const ParamValues& values) const;
};

// Throws SceneHeaderError for a malformed header; an ordinary program gives present == false.
SceneHeader parseSceneHeader(const std::string& source);

} // namespace mpstage
