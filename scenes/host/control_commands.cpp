// SPDX-License-Identifier: MIT
#include "control_commands.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace mpstage {

ControlCommand parseControlCommand(const std::string& line)
{
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw std::runtime_error("not a JSON object: " + line);
    const auto cmd = j.find("cmd");
    if (cmd == j.end() || !cmd->is_string())
        throw std::runtime_error("no \"cmd\" in: " + line);
    ControlCommand out;
    const std::string name = *cmd;
    if (name == "pause")
        out.kind = ControlCommand::Pause;
    else if (name == "resume")
        out.kind = ControlCommand::Resume;
    else if (name == "micro")
        out.kind = ControlCommand::Micro;
    else if (name == "step")
        out.kind = ControlCommand::Step;
    else if (name == "kill")
        out.kind = ControlCommand::Kill;
    else if (name == "stop")
        out.kind = ControlCommand::Stop;
    else
        throw std::runtime_error("unknown command \"" + name + "\"");
    if (const auto a = j.find("actor"); a != j.end()) {
        if (a->is_number_integer())
            out.actorId = a->get<long>();
        else if (a->is_string())
            out.actorName = a->get<std::string>();
        else
            throw std::runtime_error("\"actor\" must be a name or a number");
    } else if (out.kind == ControlCommand::Step || out.kind == ControlCommand::Kill) {
        throw std::runtime_error("\"" + name + "\" needs an \"actor\"");
    }
    for (const char* flag : { "micro", "on" })
        if (j.contains(flag) && !j[flag].is_boolean())
            throw std::runtime_error(std::string("\"") + flag + "\" must be true or false in: " + line);
    out.micro = j.value("micro", false);
    out.on = j.value("on", false);
    return out;
}

} // namespace mpstage
