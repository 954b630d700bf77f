// SPDX-License-Identifier: MIT
#pragma once
// A Python program file as a scene: its listing is the file, MainProcess runs it in the interpreter the host
// embeds (with the engine's multiprocessing), and it shows what it should when it runs to its end with exit
// code 0. mpstage-host takes a FILE.py wherever it takes a scene id.

#include "program_info.h"

#include <mpstage/scene.h>

#include <memory>
#include <string>
#include <vector>

namespace mpstage {

// The exit code MainProcess gives when the program uses what mpstage does not provide (after one sentence
// on stderr naming the call and its line); mpstage-host exits with it too.
inline constexpr int NOT_SUPPORTED_EXIT = 2;

// The shipped scene file whose id is `id`: pipe-both-send is pipe_both_send.py in scenes/programs/ (for the host
// of a build tree) or in the installed share/mpstage/scenes/. Empty when there is none. A teacher's own files
// keep their paths as ids: two folders may hold files of the same name.
std::string shippedProgram(const std::string& id);
// The ids of every shipped scene file, sorted.
std::vector<std::string> shippedProgramIds();

// Throws std::runtime_error naming the file when it cannot be read.
std::unique_ptr<Scene> programScene(const std::string& path);

} // namespace mpstage
