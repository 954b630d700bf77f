// SPDX-License-Identifier: MIT
#pragma once
// One factory per scene; catalogue.cpp lists them in the order the app shows them.

#include <mpstage/scene.h>

namespace mpstage::scenes {

Scene feederLagScene();
Scene queueSentinelScene();
Scene pipeEofScene();
Scene valueIncrementScene();

} // namespace mpstage::scenes
