// SPDX-License-Identifier: MIT
#pragma once
// The host's control protocol: one JSON object per line on its standard input, from the app that started
// it (and from nothing else: the host reads no socket, no file, no environment for control).
//   {"cmd":"pause"}  {"cmd":"resume"}  {"cmd":"micro","on":true}
//   {"cmd":"step","actor":"Process-1","micro":false}   (actor: a name or an id number)
//   {"cmd":"kill","actor":2}  {"cmd":"stop"}

#include <string>

namespace mpstage {

struct ControlCommand {
    enum Kind { Pause, Resume, Micro, Step, Kill, Stop } kind = Pause;
    std::string actorName;
    long actorId = 0;
    bool micro = false;
    bool on = false;
};

// Throws std::runtime_error with a readable reason for anything else.
ControlCommand parseControlCommand(const std::string& line);

} // namespace mpstage
