// SPDX-License-Identifier: MIT
#pragma once
// One factory per scene; catalogue.cpp lists them in the order the app shows them.

#include <mpstage/scene.h>

namespace mpstage::scenes {

Scene feederLagScene();
Scene queueSentinelScene();
Scene pipeEofScene();
Scene valueIncrementScene();
Scene boundedQueueScene();
Scene joinableQueueScene();
Scene consumerPoolScene();
Scene pipeAdderScene();
Scene pipeWorkerCountScene();
Scene queueSubtotalsScene();
Scene valueSeedScene();
Scene sharedArrayScene();
Scene piValueScene();
Scene sharedMemoryPostboxScene();
Scene joinBeforeDrainScene();
Scene pipeBothSendScene();
Scene lockHolderKilledScene();
Scene qsizeVsEmptyScene();
Scene recvBytesMaxlengthScene();
Scene lockContentionScene();

} // namespace mpstage::scenes
