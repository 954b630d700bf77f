// SPDX-License-Identifier: MIT
#include "run/control_lines.h"

namespace mpstage::app {

std::string pauseLine()
{
    return "{\"cmd\":\"pause\"}\n";
}
std::string resumeLine()
{
    return "{\"cmd\":\"resume\"}\n";
}
std::string microLine(bool on)
{
    return std::string("{\"cmd\":\"micro\",\"on\":") + (on ? "true" : "false") + "}\n";
}

std::string stepLine(std::uint32_t actor, bool micro)
{
    return "{\"cmd\":\"step\",\"actor\":" + std::to_string(actor) + ",\"micro\":" + (micro ? "true" : "false") + "}\n";
}

std::string killLine(std::uint32_t actor)
{
    return "{\"cmd\":\"kill\",\"actor\":" + std::to_string(actor) + "}\n";
}
std::string stopLine()
{
    return "{\"cmd\":\"stop\"}\n";
}

} // namespace mpstage::app
