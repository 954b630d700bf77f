// SPDX-License-Identifier: MIT
#pragma once
// What a reader of scenes (the app, the host) knows of a Python program file: the SceneInfo its header
// declares (scene_header.h), or, for an ordinary program, its name and its text as the listing. Qt-free and
// engine-free: the app links it.

#include "scene_header.h"

#include <mpstage/scene_info.h>

#include <string>

namespace mpstage {

bool isProgramPath(const std::string& arg);

struct ProgramInfo {
    SceneInfo info; // id: the absolute path; program: true
    SceneHeader header;
};

// Throws std::runtime_error naming the file: it cannot be read, or its header is malformed (the sentence
// names the line and the field).
ProgramInfo programInfo(const std::string& path);
// The same from text already in hand (an editor's unsaved buffer), as if it were the file at `path`.
ProgramInfo programInfoFrom(const std::string& path, const std::string& source);

} // namespace mpstage
