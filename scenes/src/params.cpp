// SPDX-License-Identifier: MIT
#include <mpstage/params.h>

#include <charconv>
#include <cmath>
#include <set>

namespace mpstage {

namespace {

std::string describe(const ParamSpec& spec)
{
    switch (spec.type) {
    case ParamType::Int:
        return "a whole number from " + std::to_string(static_cast<long>(spec.min)) + " to "
            + std::to_string(static_cast<long>(spec.max));
    case ParamType::Float: {
        char buf[64];
        std::snprintf(buf, sizeof buf, "a number from %g to %g", spec.min, spec.max);
        return buf;
    }
    case ParamType::Bool:
        return "true or false";
    case ParamType::Choice: {
        std::string out = "one of";
        for (const auto& c : spec.choices)
            out += " " + c;
        return out;
    }
    }
    return {};
}

std::string normalise(const ParamSpec& spec, const std::string& value)
{
    const auto bad = [&] {
        return ParamError("parameter '" + spec.key + "' must be " + describe(spec) + ", not '" + value + "'");
    };
    switch (spec.type) {
    case ParamType::Int: {
        long v = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (ec != std::errc() || end != value.data() + value.size() || static_cast<double>(v) < spec.min
            || static_cast<double>(v) > spec.max)
            throw bad();
        return std::to_string(v);
    }
    case ParamType::Float: {
        std::size_t used = 0;
        double v = 0;
        try {
            v = std::stod(value, &used);
        } catch (const std::exception&) {
            throw bad();
        }
        if (used != value.size() || !std::isfinite(v) || v < spec.min || v > spec.max)
            throw bad();
        return value;
    }
    case ParamType::Bool:
        if (value == "true" || value == "1" || value == "yes" || value == "on")
            return "true";
        if (value == "false" || value == "0" || value == "no" || value == "off")
            return "false";
        throw bad();
    case ParamType::Choice:
        for (const auto& c : spec.choices)
            if (c == value)
                return value;
        throw bad();
    }
    throw bad();
}

} // namespace

ParamValues parseParams(
    const std::vector<ParamSpec>& specs, const std::vector<std::pair<std::string, std::string>>& given)
{
    ParamValues out;
    for (const auto& spec : specs)
        out.m_values[spec.key] = normalise(spec, spec.defaultValue);
    std::set<std::string> seen;
    for (const auto& [key, value] : given) {
        const ParamSpec* spec = nullptr;
        for (const auto& s : specs)
            if (s.key == key)
                spec = &s;
        if (!spec) {
            std::string known;
            for (const auto& s : specs)
                known += (known.empty() ? "" : ", ") + s.key;
            throw ParamError("unknown parameter '" + key + "'"
                + (known.empty() ? " (this scene has none)" : " (this scene has: " + known + ")"));
        }
        if (!seen.insert(key).second)
            throw ParamError("parameter '" + key + "' is given twice");
        out.m_values[key] = normalise(*spec, value);
    }
    return out;
}

std::pair<std::string, std::string> splitAssignment(std::string_view text)
{
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0)
        throw ParamError("expected key=value, got '" + std::string(text) + "'");
    return { std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)) };
}

namespace {
const std::string& lookup(const std::map<std::string, std::string>& values, const std::string& key)
{
    const auto it = values.find(key);
    if (it == values.end())
        throw ParamError("the scene asked for parameter '" + key + "', which it does not declare");
    return it->second;
}
} // namespace

long ParamValues::integer(const std::string& key) const
{
    return std::stol(lookup(m_values, key));
}
bool ParamValues::boolean(const std::string& key) const
{
    return lookup(m_values, key) == "true";
}
double ParamValues::real(const std::string& key) const
{
    return std::stod(lookup(m_values, key));
}
const std::string& ParamValues::choice(const std::string& key) const
{
    return lookup(m_values, key);
}

std::string ParamValues::joined() const
{
    std::string out;
    for (const auto& [k, v] : m_values)
        out += (out.empty() ? "" : ",") + k + "=" + v;
    return out;
}

} // namespace mpstage
