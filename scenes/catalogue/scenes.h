// SPDX-License-Identifier: MIT
#pragma once
// Each scene's file defines its two halves: <name>Info(), what the app reads (mpstage_scene_info;
// src/scene_infos.cpp lists them in the order the app shows them), and <name>Body(), what the host runs
// (mpstage_scenes; src/catalogue.cpp lists them). The file is compiled once for each library: the body half
// when MPSTAGE_SCENE_BODIES is defined (mpstage_scenes), the metadata half otherwise.

// Issue 17: every scene here also exists as a Python scene file of the same id (scenes/programs/), which
// passes the same checks (tests/scenes/twin_parity_test.cpp). The C++ twins stay until the Python module can
// give the stage the names these scenes give their objects (mp::telemetry::label: "q", "the pipe",
// "counter"; a Python program's objects are "queue#1", "pipe#1", "value#2", and the hang sentences say so),
// and, for the scenes named below, until their tests move to the files:
//   feeder-lag (DEFAULT_SCENE; tests/app host runs, models and screenshots, fuzz corpus, package_test.sh,
//   the metainfo), pipe-eof and queue-sentinel (tests/core/golden streams, host_cli_test, app tests, fuzz
//   corpus), value-increment (forced_schedule_test and --schedule replays with micro-step gates, python_host_test,
//   app replay and timeline tests), bounded-queue and pipe-both-send (app screenshots, tst_stage_figures),
//   lock-contention (telemetry_bench), join-before-drain (queue_lifecycle_test).

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
