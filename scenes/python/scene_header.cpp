// SPDX-License-Identifier: MIT
#include "scene_header.h"

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

} // namespace

SceneHeader::Expectation SceneHeader::expectationFor(const ParamValues& values) const
{
    for (const Expectation& x : expect) {
        bool match = true;
        for (const auto& [k, v] : x.when) {
            const auto found = values.raw().find(k);
            match = match && found != values.raw().end() && found->second == v;
        }
        if (match)
            return x;
    }
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
    while (std::getline(in, text)) {
        ++line;
        std::string t = trim(text);
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
    return h;
}

} // namespace mpstage
