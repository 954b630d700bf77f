// SPDX-License-Identifier: MIT
#pragma once
// Process bookkeeping shared by process.cpp and runtime.cpp: the current process's identity and the
// children it started (multiprocessing.process._current_process, _children, _process_counter).

#include <mp/process.h>

#include <memory>
#include <vector>

namespace mp::detail {

struct RuntimeAccess {
    static CurrentProcess& current();
    static std::vector<std::shared_ptr<ProcessImpl>>& children();
    static void forgetChildren() { children().clear(); }
    static int nextCount();
    static void becomeChild(const std::string& name, const std::vector<int>& identity, bool daemonic);
};

} // namespace mp::detail
