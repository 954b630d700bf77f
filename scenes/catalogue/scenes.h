// SPDX-License-Identifier: MIT
#pragma once
// Each scene's file defines its two halves: <name>Info(), what the app reads (mpstage_scene_info;
// src/scene_infos.cpp lists them in the order the app shows them), and <name>Body(), what the host runs
// (mpstage_scenes; src/catalogue.cpp lists them). The file is compiled once for each library: the body half
// when MPSTAGE_SCENE_BODIES is defined (mpstage_scenes), the metadata half otherwise.

// Issue 17: every scene here also exists as a Python scene file of the same id (scenes/programs/), which
// passes the same checks (tests/scenes/twin_parity_test.cpp). The twins nothing needed any more are deleted
// (pi-value, pipe-adder, pipe-worker-count, qsize-vs-empty, recv-bytes-maxlength, join-before-drain,
// joinable-queue, pipe-both-send, lock-contention: only their files remain, and
// `mpstage-host run ID` finds them by id). Names no longer keep a twin (a Python program's objects carry its
// own names, core/python/mpstage/_names.py), nor does tst_room's readable-text check (it walks the shipped
// files too). The scenes here stay until the tests that run them by id move to the files:
//   feeder-lag (DEFAULT_SCENE; tests/app host runs, models and screenshots, fuzz corpus, package_test.sh,
//   the metainfo), pipe-eof and queue-sentinel (tests/core/golden streams, host_cli_test, app tests, fuzz
//   corpus), value-increment (forced_schedule_test and --schedule replays with micro-step gates, python_host_test,
//   app replay and timeline tests), bounded-queue (tst_screenshots runs it by id), queue-subtotals (tst_room's
//   window-fit rows), consumer-pool and lock-holder-killed (tests name them by id), value-seed (tst_room's
//   readable-text check passes it at 1280x720, where value_seed.py draws its value's "v450" at 11.6 px). A twin checks
//   its prints for any parameter value, where a file's `prints` block holds only where its `when` matches at the other
//   defaults.

#include <mpstage/scene.h>
#include <mpstage/scene_info.h>

namespace mpstage::scenes {

// mpstage_scene_info
SceneInfo feederLagInfo();
SceneInfo queueSentinelInfo();
SceneInfo pipeEofInfo();
SceneInfo valueIncrementInfo();
SceneInfo boundedQueueInfo();
SceneInfo consumerPoolInfo();
SceneInfo queueSubtotalsInfo();
SceneInfo valueSeedInfo();
SceneInfo lockHolderKilledInfo();

// mpstage_scenes
SceneBody feederLagBody();
SceneBody queueSentinelBody();
SceneBody pipeEofBody();
SceneBody valueIncrementBody();
SceneBody boundedQueueBody();
SceneBody consumerPoolBody();
SceneBody queueSubtotalsBody();
SceneBody valueSeedBody();
SceneBody lockHolderKilledBody();

} // namespace mpstage::scenes
