// SPDX-License-Identifier: MIT
#include "scene_header.h"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace mpstage {

SceneHeaderError::SceneHeaderError(int line, const std::string& field, const std::string& message)
    : std::runtime_error("scene header line " + std::to_string(line) + ": "
        + (field.empty() ? std::string() : "'" + field + "' ") + message)
    , m_line(line)
    , m_field(field)
{
}

namespace {

std::string trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r");
    return std::string(s.substr(first, last - first + 1));
}

std::vector<std::string> split(const std::string& s, char sep)
{
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(s);
    while (std::getline(in, item, sep))
        if (const std::string t = trim(item); !t.empty())
            out.push_back(t);
    return out;
}

double number(const std::string& text, int line, const std::string& field)
{
    std::size_t used = 0;
    try {
        const double v = std::stod(text, &used);
        if (used == text.size())
            return v;
    } catch (const std::exception&) {
    }
    throw SceneHeaderError(line, field, "needs a number, not '" + text + "'");
}

std::vector<std::pair<std::string, std::string>> assignments(const std::string& text, int line, const char* field)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& a : split(text, ',')) {
        const auto eq = a.find('=');
        if (eq == std::string::npos)
            throw SceneHeaderError(line, field, "needs NAME=VALUE, not '" + a + "'");
        out.emplace_back(trim(a.substr(0, eq)), trim(a.substr(eq + 1)));
    }
    return out;
}

// param NAME: TYPE [RANGE] = DEFAULT -- help
ParamSpec parseParam(const std::string& rest, int line)
{
    const auto colon = rest.find(':');
    if (colon == std::string::npos)
        throw SceneHeaderError(line, "param", "needs 'param NAME: TYPE = DEFAULT -- help'");
    ParamSpec p;
    p.key = trim(rest.substr(0, colon));
    // param NAME (Label shown in the form): ...
    if (const auto open = p.key.find('('); open != std::string::npos) {
        if (!p.key.ends_with(')'))
            throw SceneHeaderError(line, "param", "needs 'param NAME (Label): ...', not '" + p.key + "'");
        p.label = trim(p.key.substr(open + 1, p.key.size() - open - 2));
        p.key = trim(p.key.substr(0, open));
    }
    if (p.key.empty() || !(std::isalpha(static_cast<unsigned char>(p.key[0])) || p.key[0] == '_'))
        throw SceneHeaderError(line, "param", "needs a Python name, not '" + p.key + "'");
    std::string spec = rest.substr(colon + 1);
    if (const auto dashes = spec.find("--"); dashes != std::string::npos) {
        p.help = trim(spec.substr(dashes + 2));
        spec = spec.substr(0, dashes);
    }
    const auto eq = spec.find('=');
    if (eq == std::string::npos)
        throw SceneHeaderError(line, "param " + p.key, "needs a default: '= VALUE'");
    p.defaultValue = trim(spec.substr(eq + 1));
    const std::vector<std::string> words = split(trim(spec.substr(0, eq)), ' ');
    const std::string type = words.empty() ? "" : words[0];
    const std::string range = words.size() > 1 ? words[1] : "";
    if (p.label.empty())
        p.label = p.key;
    if (type == "int" || type == "float") {
        p.type = type == "int" ? ParamType::Int : ParamType::Float;
        const auto dots = range.find("..");
        if (dots == std::string::npos)
            throw SceneHeaderError(line, "param " + p.key, "needs a range MIN..MAX, e.g. 'int 1..20 = 4'");
        p.min = number(range.substr(0, dots), line, "param " + p.key);
        p.max = number(range.substr(dots + 2), line, "param " + p.key);
    } else if (type == "bool") {
        p.type = ParamType::Bool;
    } else if (type == "choice") {
        p.type = ParamType::Choice;
        p.choices = split(range, '|');
        if (p.choices.empty())
            throw SceneHeaderError(line, "param " + p.key, "needs its choices, e.g. 'choice fork|spawn = fork'");
    } else {
        throw SceneHeaderError(line, "param " + p.key, "has type '" + type + "': use int, float, bool or choice");
    }
    try { // the default must be a value the parameter accepts
        parseParams({ p }, {});
    } catch (const ParamError& e) {
        throw SceneHeaderError(line, "param " + p.key, std::string("has a bad default: ") + e.what());
    }
    return p;
}

SceneHeader::Expectation parseExpect(const std::string& key, const std::string& value, int line)
{
    SceneHeader::Expectation x;
    if (key.starts_with("expect when "))
        x.when = assignments(key.substr(12), line, "expect");
    else if (key != "expect")
        throw SceneHeaderError(line, key, "is not a field (did you mean 'expect when NAME=VALUE'?)");
    std::string kind = value;
    if (const auto dashes = value.find("--"); dashes != std::string::npos) {
        x.words = trim(value.substr(dashes + 2));
        kind = trim(value.substr(0, dashes));
    }
    if (kind == "completes")
        x.kind = ExpectedKind::Completes;
    else if (kind == "hangs")
        x.kind = ExpectedKind::Hangs;
    else if (kind == "loses updates")
        x.kind = ExpectedKind::LosesUpdates;
    else
        throw SceneHeaderError(line, "expect", "must be completes, hangs or loses updates, not '" + kind + "'");
    if (x.words.empty())
        x.words = kind;
    return x;
}

// "goal: make the consumer hang -- hangs": the words, then the outcome the run must have.
SceneHeader::Goal parseGoal(const std::string& value, int line)
{
    const auto dashes = value.rfind("--");
    const std::string words = dashes == std::string::npos ? std::string() : trim(value.substr(0, dashes));
    const std::string kind = dashes == std::string::npos ? std::string() : trim(value.substr(dashes + 2));
    if (words.empty() || (kind != "hangs" && kind != "loses updates"))
        throw SceneHeaderError(line, "goal",
            "needs 'words -- hangs' or 'words -- loses updates', e.g. 'make the consumer hang -- hangs', not '" + value
                + "'");
    return { words, kind == "hangs" ? ExpectedKind::Hangs : ExpectedKind::LosesUpdates, line };
}

// "prints", "prints by Process-1 in any order when NAME=VALUE, ..." (and "hang says [when ...]"): false when
// `key` is not `field`; else `when` and what comes between the field and its `when` (for prints: by, in any order).
bool conditionalKey(const std::string& key, const std::string& field,
    std::vector<std::pair<std::string, std::string>>& when, std::string& qualifiers, int line)
{
    if (key != field && !key.starts_with(field + " "))
        return false;
    std::string rest = " " + trim(key.substr(field.size()));
    if (const auto at = rest.find(" when "); at != std::string::npos) {
        when = assignments(rest.substr(at + 6), line, field.c_str());
        rest = rest.substr(0, at);
    } else if (rest.ends_with(" when"))
        throw SceneHeaderError(line, key, "needs NAME=VALUE after 'when'");
    qualifiers = trim(rest);
    return true;
}

SceneHeader::Prints parsePrints(const std::string& key, const std::string& value, int line)
{
    SceneHeader::Prints p;
    p.line = line;
    std::string q;
    conditionalKey(key, "prints", p.when, q, line);
    if (q.starts_with("by ")) {
        q = trim(q.substr(3));
        p.actor = q.substr(0, q.find(' '));
        q = q.size() > p.actor.size() ? trim(q.substr(p.actor.size())) : std::string();
    }
    if (q == "in any order") {
        p.anyOrder = true;
        q.clear();
    }
    if (!q.empty())
        throw SceneHeaderError(
            line, key, "is not a field (did you mean 'prints [by PROCESS] [in any order] [when NAME=VALUE]'?)");
    p.text = value.empty() ? std::string() : value + "\n";
    return p;
}

// "send()", "neither ever gets to recv()": each phrase in double quotes, separated by commas
std::vector<std::string> quotedPhrases(const std::string& value, int line)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < value.size()) {
        if (value[i] == ' ' || value[i] == ',') {
            ++i;
            continue;
        }
        const auto close = value.find('"', i + 1);
        if (value[i] != '"' || close == std::string::npos)
            throw SceneHeaderError(line, "hang says",
                "needs phrases in double quotes, e.g. '\"send()\", \"recv()\"', not '" + value + "'");
        out.push_back(value.substr(i + 1, close - i - 1));
        i = close + 1;
    }
    if (out.empty())
        throw SceneHeaderError(line, "hang says", "needs at least one phrase in double quotes");
    return out;
}

bool matches(const std::vector<std::pair<std::string, std::string>>& when, const ParamValues& values)
{
    for (const auto& [k, v] : when) {
        const auto found = values.raw().find(k);
        if (found == values.raw().end() || found->second != v)
            return false;
    }
    return true;
}

} // namespace

std::vector<const SceneHeader::Prints*> SceneHeader::printsFor(const ParamValues& values) const
{
    // A run's prints depend on every parameter, so `prints` holds where `when` matches and every parameter
    // it does not name is at its default. The first that holds for all the output, and each process's first.
    const ParamValues defaults = parseParams(params, {});
    std::vector<const Prints*> out;
    for (const Prints& p : prints) {
        bool match = matches(p.when, values);
        for (const auto& [key, text] : defaults.raw()) {
            const bool named = std::any_of(p.when.begin(), p.when.end(), [&](const auto& w) { return w.first == key; });
            const auto given = values.raw().find(key);
            match = match && (named || (given != values.raw().end() && given->second == text));
        }
        const bool taken = std::any_of(out.begin(), out.end(), [&](const Prints* q) { return q->actor == p.actor; });
        if (match && !taken)
            out.push_back(&p);
    }
    return out;
}

const SceneHeader::HangSays* SceneHeader::hangSaysFor(const ParamValues& values) const
{
    for (const HangSays& h : hangSays)
        if (matches(h.when, values))
            return &h;
    return nullptr;
}

SceneHeader::Expectation SceneHeader::expectationFor(const ParamValues& values) const
{
    for (const Expectation& x : expect)
        if (matches(x.when, values))
            return x;
    return Expectation { {}, ExpectedKind::Completes, "runs to its end with exit code 0" };
}

SceneHeader parseSceneHeader(const std::string& source)
{
    SceneHeader h;
    std::istringstream in(source);
    std::string text;
    int line = 0;
    // The docstring: the first statement of the module (comments and blank lines may come first).
    bool found = false;
    while (!found && std::getline(in, text)) {
        ++line;
        const std::string t = trim(text);
        if (t.empty() || t[0] == '#')
            continue;
        if (t != R"("""mpstage scene)" && t != "'''mpstage scene")
            return h;
        found = true;
    }
    if (!found)
        return h;
    h.present = true;
    const std::string close = trim(text).substr(0, 3);
    bool closed = false;
    SceneHeader::Prints* block
        = nullptr; // a "prints ...:" with nothing after its colon takes the indented lines below it
    std::size_t blockIndent = 0;
    std::size_t blankLines = 0;
    while (std::getline(in, text)) {
        ++line;
        std::string t = trim(text);
        if (block && t.empty()) { // kept if the block goes on below it: a blank line the program prints
            ++blankLines;
            continue;
        }
        if (block && (text[0] == ' ' || text[0] == '\t') && !t.ends_with(close)) {
            const std::size_t indent = text.find_first_not_of(" \t");
            if (block->text.empty())
                blockIndent = indent;
            if (indent < blockIndent)
                throw SceneHeaderError(line, "prints", "has a line indented less than the first line of its block");
            std::string out = text.substr(blockIndent);
            while (!out.empty() && (out.back() == '\r' || out.back() == ' '))
                out.pop_back();
            block->text += std::string(blankLines, '\n') + out + "\n";
            blankLines = 0;
            continue;
        }
        block = nullptr;
        blankLines = 0;
        if (t.ends_with(close)) {
            closed = true;
            t = trim(t.substr(0, t.size() - 3));
            if (t.empty())
                break;
        }
        if (!t.empty() && t[0] != '#') {
            const std::string head = t.substr(0, t.find(':'));
            if (head.starts_with("param ")) {
                const ParamSpec p = parseParam(t.substr(6), line);
                for (const ParamSpec& q : h.params)
                    if (q.key == p.key)
                        throw SceneHeaderError(line, "param " + p.key, "is declared twice");
                h.params.push_back(p);
            } else {
                const auto colon = t.find(':');
                if (colon == std::string::npos)
                    throw SceneHeaderError(line, "", "needs 'field: value', not '" + t + "'");
                const std::string key = trim(t.substr(0, colon));
                const std::string value = trim(t.substr(colon + 1));
                if (key == "title")
                    h.title = value;
                else if (key == "summary")
                    h.summary = value;
                else if (key == "look")
                    h.look = value;
                else if (key == "predict")
                    h.predict = value;
                else if (key == "why")
                    h.why = value;
                else if (key == "tags")
                    h.tags = split(value, ',');
                else if (key == "difficulty") {
                    if (value != "1" && value != "2" && value != "3")
                        throw SceneHeaderError(line, key, "must be 1, 2 or 3, not '" + value + "'");
                    h.difficulty = value[0] - '0';
                } else if (key == "hang-after") {
                    h.hangAfter = number(value, line, key);
                    if (!(h.hangAfter > 0 && h.hangAfter <= 60))
                        throw SceneHeaderError(line, key, "must be a number of seconds from 0 to 60");
                } else if (key == "race")
                    h.race = value == "yes" || value == "true";
                else if (key == "variant") {
                    const auto bar = value.find('|');
                    if (bar == std::string::npos)
                        throw SceneHeaderError(line, key, "needs 'words | NAME=VALUE, ...'");
                    h.variants.push_back(
                        { trim(value.substr(0, bar)), assignments(value.substr(bar + 1), line, "variant"), line });
                } else if (key == "prints" || key.starts_with("prints ")) {
                    h.prints.push_back(parsePrints(key, value, line));
                    if (value.empty())
                        block = &h.prints.back();
                } else if (key == "hang says" || key.starts_with("hang says ")) {
                    std::vector<std::pair<std::string, std::string>> when;
                    std::string q;
                    conditionalKey(key, "hang says", when, q, line);
                    if (!q.empty())
                        throw SceneHeaderError(line, key, "is not a field (did you mean 'hang says when NAME=VALUE'?)");
                    h.hangSays.push_back({ when, quotedPhrases(value, line), line });
                } else if (key == "goal") {
                    if (h.goal.line)
                        throw SceneHeaderError(
                            line, key, "is declared twice (first on line " + std::to_string(h.goal.line) + ")");
                    h.goal = parseGoal(value, line);
                } else if (key == "question" || key == "answer" || key.starts_with("answer ")) {
                    addQuestionLine(h.questions, key, value, line);
                } else if (key.starts_with("expect")) {
                    h.expect.push_back(parseExpect(key, value, line));
                    h.expect.back().line = line;
                } else
                    throw SceneHeaderError(line, key, "is not a field of a scene header");
            }
        }
        if (closed)
            break;
    }
    if (!closed)
        throw SceneHeaderError(line, "", "the header's docstring is never closed");
    if (h.title.empty())
        throw SceneHeaderError(line, "title", "is missing");
    // a variant or an expectation may only name declared parameters, with values they accept
    auto check = [&](const std::vector<std::pair<std::string, std::string>>& given, int at, const char* field) {
        try {
            parseParams(h.params, given);
        } catch (const ParamError& e) {
            throw SceneHeaderError(at, field, e.what());
        }
    };
    for (const auto& v : h.variants)
        check(v.params, v.line, "variant");
    for (const auto& x : h.expect)
        check(x.when, x.line, "expect");
    for (const auto& p : h.prints)
        check(p.when, p.line, "prints");
    for (const auto& s : h.hangSays)
        check(s.when, s.line, "hang says");
    checkQuestions(h.questions, h.params);
    return h;
}

} // namespace mpstage
