// SPDX-License-Identifier: MIT
#pragma once
// What the two Value-race scenes share (value-seed is seed 004 as published, value-increment the same
// program sized up): `share_value = Value('i', 0)`, processes that each add 1 to it `increments` times, with
// or without the Value's lock around the update, and the parent's final print.

#include <mpstage/listing.h>
#include <mpstage/scene.h>

namespace mpstage::scenes {

// The program from `share_value = Value('i', 0)` on; the listing marks value, with, inc, print, start, join
// and final.
void runValueIncrements(const Listing& l, long processes, long increments, bool locked);
// N from the parent's "Final Data in parent process: <Synchronized wrapper for c_int(N)>", or -1.
long printedFinalValue(const RunResult& r);

} // namespace mpstage::scenes
