// SPDX-License-Identifier: MIT
// A schedule is the list of gate grants of a stepped run, one JSON object per line:
//   {"actor":"Process-1","micro":true}
// Replaying it reproduces the same interleaving with real processes.

#include "supervisor.h"

#include <nlohmann/json.hpp>

#include <sstream>
#include <stdexcept>

namespace mpstage {

std::vector<ScheduleStep> parseSchedule(const std::string& text)
{
    std::vector<ScheduleStep> out;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        const auto j = nlohmann::json::parse(line, nullptr, false);
        const auto bad = [&](const std::string& why) {
            return std::runtime_error("schedule line " + std::to_string(number) + " " + why
                + " (each line is {\"actor\": \"name\", \"micro\": true|false}): " + line);
        };
        if (j.is_discarded() || !j.is_object())
            throw bad("is not a JSON object");
        if (!j.contains("actor") || !j["actor"].is_string() || j["actor"].get<std::string>().empty())
            throw bad("names no actor");
        if (j.contains("micro") && !j["micro"].is_boolean())
            throw bad("has a \"micro\" that is not true or false");
        for (const auto& [key, value] : j.items())
            if (key != "actor" && key != "micro")
                throw bad("has an unknown key \"" + key + "\"");
        out.push_back(ScheduleStep { j["actor"].get<std::string>(), j.value("micro", false) });
    }
    if (out.empty())
        throw std::runtime_error("the schedule has no steps");
    return out;
}

std::string formatSchedule(const std::vector<ScheduleStep>& steps)
{
    std::string out;
    for (const auto& s : steps)
        out += nlohmann::json { { "actor", s.actor }, { "micro", s.micro } }.dump() + "\n";
    return out;
}

} // namespace mpstage
