// SPDX-License-Identifier: MIT
#pragma once
// Process bookkeeping shared by process.cpp and runtime.cpp: the current process's identity and the
// children it started (multiprocessing.process._current_process, _children, _process_counter).

#include <mp/process.h>

#include <memory>
#include <mutex>
#include <vector>

namespace mp::detail {

struct RuntimeAccess {
    static CurrentProcess& current();
    // The children this process started. Any thread may start, join or list them: each use holds the lock.
    struct Children {
        std::mutex mutex;
        std::vector<std::shared_ptr<ProcessImpl>> list;
    };
    static Children& children();
    // In a forked child: a fresh, empty list (the parent's lock may have been held by a thread the fork left
    // behind, so the old one is dropped without being locked or destroyed).
    static void forgetChildren();
    static int nextCount();
    static void becomeChild(const std::string& name, const std::vector<int>& identity, bool daemonic);
};

} // namespace mp::detail
