// SPDX-License-Identifier: MIT
#pragma once
// Reaping for a child subreaper: collects every child that has ended (its own, and orphans handed to it).

#include <sys/types.h>

#include <vector>

namespace mpstage {

struct Reaped {
    pid_t pid = 0;
    int code = 0; // exit status, or minus the signal number
};

// block: wait until no child is left at all.
std::vector<Reaped> reapChildren(bool block);

} // namespace mpstage
