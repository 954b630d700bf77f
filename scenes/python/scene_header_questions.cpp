// SPDX-License-Identifier: MIT
#include "scene_header_questions.h"

#include "scene_header.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace mpstage {

namespace {

std::string trimmed(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r");
    return std::string(s.substr(first, last - first + 1));
}

bool pythonName(const std::string& s)
{
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_'))
        return false;
    return std::all_of(
        s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// The terms of "a * b + 3", each a number or a name, and the operators between them; false if malformed.
bool terms(const std::string& expr, std::vector<std::string>& out, std::vector<char>& ops)
{
    std::string term;
    for (const char c : expr + "+") {
        if (c != '*' && c != '+') {
            term += c;
            continue;
        }
        const std::string t = trimmed(term);
        if (t.empty())
            return false;
        out.push_back(t);
        ops.push_back(c);
        term.clear();
    }
    ops.pop_back();
    return true;
}

std::optional<std::int64_t> number(const std::string& t)
{
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size())
        return std::nullopt;
    return v;
}

AnswerRule parseRule(const std::string& value, int line, const std::string& field)
{
    AnswerRule r;
    r.line = line;
    std::string cond = value;
    // the sentence comes after the last " -- " outside the quotes of a printed line
    const auto closeQuote = value.rfind('"');
    const auto dashes = value.find("--", closeQuote == std::string::npos ? 0 : closeQuote);
    if (dashes != std::string::npos) {
        r.why = trimmed(value.substr(dashes + 2));
        cond = trimmed(value.substr(0, dashes));
    }
    if (cond == "completes")
        r.kind = AnswerKind::Completes;
    else if (cond == "hangs")
        r.kind = AnswerKind::Hangs;
    else if (cond == "loses updates")
        r.kind = AnswerKind::LosesUpdates;
    else if (cond == "otherwise")
        r.kind = AnswerKind::Otherwise;
    else if (cond.starts_with("prints ")) {
        const std::string q = trimmed(cond.substr(7));
        if (q.size() < 2 || q.front() != '"' || q.back() != '"')
            throw SceneHeaderError(
                line, field, "needs the line in double quotes: 'prints \"LINE\"', not '" + cond + "'");
        r.kind = AnswerKind::Prints;
        r.text = q.substr(1, q.size() - 2);
    } else if (cond.starts_with("value ")) {
        const std::string rest = cond.substr(6);
        const auto at = rest.find_first_of("=<>");
        if (at == std::string::npos)
            throw SceneHeaderError(line, field, "needs 'value NAME = EXPR' (or < or >), not '" + cond + "'");
        r.kind = AnswerKind::Value;
        r.text = trimmed(rest.substr(0, at));
        r.op = rest[at];
        r.expr = trimmed(rest.substr(at + 1));
        if (!pythonName(r.text))
            throw SceneHeaderError(line, field, "needs the Value's Python name after 'value', not '" + r.text + "'");
        std::vector<std::string> t;
        std::vector<char> o;
        if (r.expr.empty() || !terms(r.expr, t, o))
            throw SceneHeaderError(
                line, field, "needs a number or parameters joined by * or + after '" + std::string(1, r.op) + "'");
    } else
        throw SceneHeaderError(line, field,
            "must be prints \"LINE\", completes, hangs, loses updates, value NAME = EXPR or otherwise, not '" + cond
                + "'");
    if (r.why.empty())
        throw SceneHeaderError(line, field, "needs one sentence why after '--'");
    return r;
}

} // namespace

void addQuestionLine(std::vector<SceneQuestion>& questions, const std::string& key, const std::string& value, int line)
{
    if (key == "question") {
        SceneQuestion q;
        q.line = line;
        std::string part;
        std::vector<std::string> parts;
        for (const char c : value + "|") {
            if (c != '|') {
                part += c;
                continue;
            }
            parts.push_back(trimmed(part));
            part.clear();
        }
        q.text = parts.front();
        q.choices.assign(parts.begin() + 1, parts.end());
        if (q.text.empty())
            throw SceneHeaderError(
                line, key, "needs the question before its choices: 'question: TEXT | CHOICE | CHOICE'");
        if (q.choices.size() < 2 || q.choices.size() > 4)
            throw SceneHeaderError(line, key, "needs 2 to 4 choices after the question, each after a '|'");
        for (std::size_t i = 0; i < q.choices.size(); ++i) {
            if (q.choices[i].empty())
                throw SceneHeaderError(line, key, "has an empty choice " + std::string(1, static_cast<char>('A' + i)));
            for (std::size_t j = 0; j < i; ++j)
                if (q.choices[j] == q.choices[i])
                    throw SceneHeaderError(line, key, "has the choice '" + q.choices[i] + "' twice");
        }
        q.answers.resize(q.choices.size());
        questions.push_back(std::move(q));
        return;
    }
    // answer CHOICE: CONDITION -- why
    if (questions.empty())
        throw SceneHeaderError(line, key, "comes before any 'question:' line");
    SceneQuestion& q = questions.back();
    const std::string choice = trimmed(key.substr(6));
    if (choice.empty())
        throw SceneHeaderError(line, "answer", "needs the choice it is for: 'answer CHOICE: ...'");
    std::size_t index = q.choices.size();
    for (std::size_t i = 0; i < q.choices.size(); ++i)
        if (q.choices[i] == choice || (choice.size() == 1 && choice[0] == static_cast<char>('A' + i)))
            index = i;
    if (index == q.choices.size())
        throw SceneHeaderError(line, key, "names no choice of the question on line " + std::to_string(q.line));
    if (q.answers[index].line)
        throw SceneHeaderError(
            line, key, "is given twice (first on line " + std::to_string(q.answers[index].line) + ")");
    q.answers[index] = parseRule(value, line, key);
}

void checkQuestions(const std::vector<SceneQuestion>& questions, const std::vector<ParamSpec>& params)
{
    const ParamValues defaults = parseParams(params, {});
    auto checkExpr = [&](const std::string& expr, int line, const std::string& field) {
        if (!evaluateExpr(expr, defaults))
            throw SceneHeaderError(line, field, "has '" + expr + "': use numbers and int parameters joined by * or +");
    };
    auto checkText = [&](const std::string& text, int line) {
        for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
            const auto close = text.find('}', open);
            if (close == std::string::npos)
                throw SceneHeaderError(line, "question", "has a '{' with no '}'");
            checkExpr(text.substr(open + 1, close - open - 1), line, "question");
        }
    };
    for (const SceneQuestion& q : questions) {
        checkText(q.text, q.line);
        int otherwise = 0;
        for (std::size_t i = 0; i < q.choices.size(); ++i) {
            checkText(q.choices[i], q.line);
            const AnswerRule& a = q.answers[i];
            if (!a.line)
                throw SceneHeaderError(q.line, "question",
                    "has no 'answer " + q.choices[i] + ":' line for its choice "
                        + std::string(1, static_cast<char>('A' + i)));
            if (a.kind == AnswerKind::Otherwise && ++otherwise > 1)
                throw SceneHeaderError(a.line, "answer", "may say 'otherwise' for only one choice of a question");
            if (a.kind == AnswerKind::Value)
                checkExpr(a.expr, a.line, "answer " + q.choices[i]);
        }
    }
}

std::optional<std::int64_t> evaluateExpr(const std::string& expr, const ParamValues& values)
{
    std::vector<std::string> t;
    std::vector<char> ops;
    if (!terms(expr, t, ops))
        return std::nullopt;
    std::int64_t sum = 0;
    std::int64_t product = 1;
    for (std::size_t i = 0; i < t.size(); ++i) {
        std::optional<std::int64_t> v = number(t[i]);
        if (!v) {
            const auto found = values.raw().find(t[i]);
            if (found == values.raw().end())
                return std::nullopt;
            v = number(found->second);
            if (!v)
                return std::nullopt;
        }
        product *= *v;
        if (i == ops.size() || ops[i] == '+') {
            sum += product;
            product = 1;
        }
    }
    return sum;
}

std::string fillIn(const std::string& text, const ParamValues& values)
{
    std::string out;
    std::size_t at = 0;
    for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', at)) {
        const auto close = text.find('}', open);
        if (close == std::string::npos)
            break;
        out += text.substr(at, open - at);
        const auto v = evaluateExpr(text.substr(open + 1, close - open - 1), values);
        out += v ? std::to_string(*v) : text.substr(open, close - open + 1);
        at = close + 1;
    }
    return out + text.substr(at);
}

} // namespace mpstage

namespace mpstage {

bool lineMatchesPattern(const std::string& pattern, const std::string& line)
{
    std::size_t at = 0;
    std::size_t from = 0;
    bool first = true;
    for (;;) {
        const std::size_t dots = pattern.find("...", from);
        const std::string piece = pattern.substr(from, dots == std::string::npos ? std::string::npos : dots - from);
        if (dots == std::string::npos) // the last piece ends the line
            return first ? line == piece
                         : line.size() >= at + piece.size()
                    && line.compare(line.size() - piece.size(), piece.size(), piece) == 0;
        const std::size_t found
            = first ? (line.compare(0, piece.size(), piece) == 0 ? 0 : std::string::npos) : line.find(piece, at);
        if (found == std::string::npos)
            return false;
        at = found + piece.size();
        from = dots + 3;
        first = false;
    }
}

} // namespace mpstage
