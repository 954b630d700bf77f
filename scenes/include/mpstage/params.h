// SPDX-License-Identifier: MIT
#pragma once
// Typed scene parameters: a spec (type, default, range, help) and validated values. Anything a user types
// (`--param producers=3`, the app's form) goes through parse(), which refuses with a sentence that says
// what was wrong and what would be right.

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mpstage {

enum class ParamType { Int, Bool, Float, Choice };

struct ParamSpec {
    std::string key;
    std::string label;
    std::string help;
    ParamType type = ParamType::Int;
    std::string defaultValue;
    double min = 0; // Int and Float
    double max = 0;
    std::vector<std::string> choices; // Choice
};

class ParamError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ParamValues {
public:
    long integer(const std::string& key) const;
    bool boolean(const std::string& key) const;
    double real(const std::string& key) const;
    const std::string& choice(const std::string& key) const;
    const std::map<std::string, std::string>& raw() const { return m_values; }
    // "k=v,k=v", in key order.
    std::string joined() const;

private:
    friend ParamValues parseParams(
        const std::vector<ParamSpec>&, const std::vector<std::pair<std::string, std::string>>&);
    std::map<std::string, std::string> m_values;
};

// Defaults overridden by the given key=value pairs. Throws ParamError for an unknown key, a value of the
// wrong type, a value out of range, or a key given twice.
ParamValues parseParams(
    const std::vector<ParamSpec>& specs, const std::vector<std::pair<std::string, std::string>>& given);

// Splits "key=value"; throws ParamError if there is no '='.
std::pair<std::string, std::string> splitAssignment(std::string_view text);

} // namespace mpstage
