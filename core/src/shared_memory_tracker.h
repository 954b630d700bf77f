// SPDX-License-Identifier: MIT
#pragma once
// The per-process stand-in for CPython's resource tracker, for shared memory blocks this process created
// (see the header comment of mp/shared_memory.h for what it does and where it differs).

#include <string>
#include <sys/types.h>

namespace mp::detail {

// Registers a block this process created; at exit, if it still exists and is the same block, it is unlinked
// with CPython's "leaked shared_memory objects" warning.
void trackSharedMemory(const std::string& name, dev_t device, ino_t inode);
// This process attached a block: CPython starts its tracker then too, so the children forked afterwards
// share it (their forgotten blocks outlive them).
void startTrackerSession();
// This process stops sharing the tracker it inherited and will start its own, as a process started with
// spawn has its own (tests use it to begin from a fresh process).
void leaveTrackerSession();
// unlink() was called for this name (resource_tracker.unregister).
void untrackSharedMemory(const std::string& name);

} // namespace mp::detail
