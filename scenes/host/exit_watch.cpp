// SPDX-License-Identifier: MIT
#include "exit_watch.h"

#include <fstream>
#include <sstream>
#include <string>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mpstage {

ExitWatch::~ExitWatch()
{
    for (const auto& [actor, w] : m_watched)
        ::close(w.fd);
}

void ExitWatch::watch(std::uint32_t actor, pid_t pid)
{
    if (m_watched.count(actor) || pid <= 0)
        return;
    const int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (fd < 0)
        return; // already gone and reaped: its reaper reports it (a pidfd is close-on-exec by itself)
    m_watched[actor] = Watched { pid, fd, 0 };
}

void ExitWatch::forget(std::uint32_t actor)
{
    if (const auto it = m_watched.find(actor); it != m_watched.end()) {
        ::close(it->second.fd);
        m_watched.erase(it);
    }
}

std::vector<ExitWatch::Dead> ExitWatch::poll(std::uint64_t nowNs, std::uint64_t graceNs)
{
    std::vector<Dead> out;
    std::vector<std::uint32_t> done;
    for (auto& [actor, w] : m_watched) {
        if (w.deadSinceNs == 0) {
            pollfd p { w.fd, POLLIN, 0 };
            if (::poll(&p, 1, 0) <= 0)
                continue;
            w.deadSinceNs = nowNs;
        }
        if (nowNs - w.deadSinceNs < graceNs)
            continue; // its parent usually reaps it (join) and reports it within a few ms
        int code = 0;
        if (zombieExitCode(w.pid, code))
            out.push_back(Dead { actor, code });
        done.push_back(actor);
    }
    for (const std::uint32_t actor : done)
        forget(actor);
    return out;
}

bool zombieExitCode(pid_t pid, int& code)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line))
        return false;
    const auto close = line.rfind(')'); // the command name may itself contain ')'
    if (close == std::string::npos || close + 2 >= line.size() || line[close + 2] != 'Z')
        return false;
    std::istringstream fields(line.substr(close + 2));
    std::string field;
    int status = 0;
    for (int n = 3; fields >> field; ++n) // fields count from 1 = pid, 2 = comm, 3 = state
        if (n == 52)
            status = std::stoi(field);
    code = WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
    return true;
}

} // namespace mpstage
