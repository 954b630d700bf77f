// SPDX-License-Identifier: MIT
#pragma once
// The control lines the app writes to mpstage-host's standard input (scenes/host/control_commands.h): one
// JSON object per line. Actors are named by id, which is unambiguous even if two share a name.

#include <cstdint>
#include <string>

namespace mpstage::app {

std::string pauseLine();
std::string resumeLine();
std::string microLine(bool on);
std::string stepLine(std::uint32_t actor, bool micro);
std::string killLine(std::uint32_t actor);
std::string stopLine();

} // namespace mpstage::app
