// SPDX-License-Identifier: MIT
#include "reaper.h"

#include <cerrno>
#include <sys/wait.h>

namespace mpstage {

std::vector<Reaped> reapChildren(pid_t group, bool block)
{
    std::vector<Reaped> out;
    for (;;) {
        int status = 0;
        const pid_t pid = ::waitpid(-group, &status, block ? 0 : WNOHANG);
        if (pid == -1 && errno == EINTR)
            continue;
        if (pid <= 0)
            break;
        out.push_back(Reaped { pid, WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status) });
    }
    return out;
}

} // namespace mpstage
