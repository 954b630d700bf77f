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

// Reaps the ended children in process group `group` (the run's); block: wait until none is left. Children
// of the host that are not part of the run are left alone.
std::vector<Reaped> reapChildren(pid_t group, bool block);

} // namespace mpstage
