// SPDX-License-Identifier: MIT
#pragma once
// The scene catalogue: a table of {id, title, factory}, not an enum with a switch.

#include <mpstage/scene.h>

#include <string_view>
#include <vector>

namespace mpstage {

const std::vector<Scene>& catalogue();
const Scene* findScene(std::string_view id);
// The scene ./dev run opens on.
inline constexpr std::string_view DEFAULT_SCENE = "feeder-lag";

} // namespace mpstage
