// SPDX-License-Identifier: MIT
#pragma once
// What the stage says about shared memory: how often a Value's or Array's cells were written (the vN under a
// cell is its write number), and what is known of a SharedMemory block. Plain C++, tested.
//
// A SharedMemory's buf is plain memory: a store into it is no call the engine sees, so telemetry reports no
// write to it, nor a process attaching by name, close() or unlink(). What is known is what ObjectCreated
// says (core/TELEMETRY.md): the block's name, its size and the process that created it.

#include <mp/telemetry/world.h>

#include <string>

namespace mpstage::app {

// "written 200 times since it was made (v200)" for a Value, "written 12 times since it was made (vN: that
// cell's writes)" for an Array; "not written since it was made". The writes that set the initial contents
// (version 0) are not counted.
std::string valueWritesWords(const mp::telemetry::ValueState* value, bool array);

struct SharedMemoryWords {
    std::string title; // "psm_a5e74c36  ·  SharedMemory(create=True, size=64)": only a block created is reported
    std::string size; // "64 bytes"
    mp::telemetry::ActorId creator;
    std::string creatorName; // "MainProcess"
    std::string unseen; // what the stage cannot show, said once
};
SharedMemoryWords sharedMemoryWords(const mp::telemetry::World& world, mp::telemetry::ObjectId block);

} // namespace mpstage::app
