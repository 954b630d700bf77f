// SPDX-License-Identifier: MIT
#pragma once
// Each scene's file defines its two halves: <name>Info(), what the app reads (mpstage_scene_info;
// src/scene_infos.cpp lists them in the order the app shows them), and <name>Body(), what the host runs
// (mpstage_scenes; src/catalogue.cpp lists them). The file is compiled once for each library: the body half
// when MPSTAGE_SCENE_BODIES is defined (mpstage_scenes), the metadata half otherwise.

// Issue 17: every scene here also exists as a Python scene file of the same id (scenes/programs/), which
// passes the same checks (tests/scenes/twin_parity_test.cpp). A Python program's objects now carry its own
// names on the stage, in the narration and in the hang sentences ("q", "counter", "counter.get_lock()", and a
// pipe's ends "output_p" and "input_p" where these scenes say "the pipe" and "end 0"; core/python/mpstage/
// _names.py), so names no longer keep a twin. The scenes named below stay until their tests move to the files:
//   feeder-lag (DEFAULT_SCENE; tests/app host runs, models and screenshots, fuzz corpus, package_test.sh,
//   the metainfo), pipe-eof and queue-sentinel (tests/core/golden streams, host_cli_test, app tests, fuzz
//   corpus), value-increment (forced_schedule_test and --schedule replays with micro-step gates, python_host_test,
//   app replay and timeline tests), bounded-queue (tst_screenshots runs it by id), queue-subtotals (tst_room's
//   window-fit rows). For every twin: tst_room's readable-text check walks sceneInfos(), the C++ scenes only, so
//   a deleted twin leaves that check unless it walks the shipped files too (its expected failures name
//   consumer-pool, queue-subtotals and lock-holder-killed); and a twin checks its prints for any parameter value,
//   where a file's `prints` block holds only where its `when` matches at the other defaults.

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
