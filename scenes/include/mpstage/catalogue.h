// SPDX-License-Identifier: MIT
#pragma once
// The scene catalogue as the host runs it: every scene's metadata (sceneInfos(), scene_info.h) joined with
// its body, in the same order. A table, not an enum with a switch.

#include <mpstage/scene.h>

#include <string_view>
#include <vector>

namespace mpstage {

// Throws std::logic_error naming a scene that has no body, or a body that has no metadata.
const std::vector<Scene>& catalogue();
const Scene* findScene(std::string_view id);

} // namespace mpstage
