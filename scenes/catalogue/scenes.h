// SPDX-License-Identifier: MIT
#pragma once
// Each scene's file defines its two halves: <name>Info(), what the app reads (mpstage_scene_info;
// src/scene_infos.cpp lists them in the order the app shows them), and <name>Body(), what the host runs
// (mpstage_scenes; src/catalogue.cpp lists them). The file is compiled once for each library: the body half
// when MPSTAGE_SCENE_BODIES is defined (mpstage_scenes), the metadata half otherwise.

#include <mpstage/scene.h>
#include <mpstage/scene_info.h>

namespace mpstage::scenes {

// mpstage_scene_info
SceneInfo feederLagInfo();
SceneInfo queueSentinelInfo();
SceneInfo pipeEofInfo();
SceneInfo valueIncrementInfo();
SceneInfo boundedQueueInfo();
SceneInfo joinableQueueInfo();
SceneInfo consumerPoolInfo();
SceneInfo pipeAdderInfo();
SceneInfo pipeWorkerCountInfo();
SceneInfo queueSubtotalsInfo();
SceneInfo valueSeedInfo();
SceneInfo piValueInfo();
SceneInfo joinBeforeDrainInfo();
SceneInfo pipeBothSendInfo();
SceneInfo lockHolderKilledInfo();
SceneInfo qsizeVsEmptyInfo();
SceneInfo recvBytesMaxlengthInfo();
SceneInfo lockContentionInfo();

// mpstage_scenes
SceneBody feederLagBody();
SceneBody queueSentinelBody();
SceneBody pipeEofBody();
SceneBody valueIncrementBody();
SceneBody boundedQueueBody();
SceneBody joinableQueueBody();
SceneBody consumerPoolBody();
SceneBody pipeAdderBody();
SceneBody pipeWorkerCountBody();
SceneBody queueSubtotalsBody();
SceneBody valueSeedBody();
SceneBody piValueBody();
SceneBody joinBeforeDrainBody();
SceneBody pipeBothSendBody();
SceneBody lockHolderKilledBody();
SceneBody qsizeVsEmptyBody();
SceneBody recvBytesMaxlengthBody();
SceneBody lockContentionBody();

} // namespace mpstage::scenes
