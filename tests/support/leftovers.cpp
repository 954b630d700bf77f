// SPDX-License-Identifier: MIT
#include "leftovers.h"

#include <mp/process.h>

#include <chrono>
#include <dirent.h>
#include <fstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace mptest {

std::map<int, int> processParents()
{
    std::map<int, int> parents;
    DIR* dir = opendir("/proc");
    if (!dir)
        return parents;
    while (const dirent* e = readdir(dir)) {
        const int pid = std::atoi(e->d_name);
        if (pid <= 0)
            continue;
        std::ifstream stat(std::string("/proc/") + e->d_name + "/stat");
        std::string line;
        if (!std::getline(stat, line))
            continue;
        const auto close = line.rfind(')'); // the command name may itself contain ')'
        int ppid = 0;
        char state = 0;
        if (close != std::string::npos && std::sscanf(line.c_str() + close + 2, "%c %d", &state, &ppid) == 2)
            parents[pid] = ppid;
    }
    closedir(dir);
    return parents;
}

std::vector<int> childPids()
{
    std::vector<int> out;
    const int me = getpid();
    for (const auto& [pid, ppid] : processParents())
        if (ppid == me)
            out.push_back(pid);
    return out;
}

bool running(int pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line))
        return false;
    const auto close = line.rfind(')');
    return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z' && line[close + 2] != 'X';
}

std::set<std::string> shmEntries()
{
    std::set<std::string> out;
    if (DIR* dir = opendir("/dev/shm")) {
        while (const dirent* e = readdir(dir))
            if (e->d_name[0] != '.')
                out.insert(e->d_name);
        closedir(dir);
    }
    return out;
}

void NoLeftovers::SetUp()
{
    m_shmBefore = shmEntries();
}

void NoLeftovers::TearDown()
{
    const auto kids = childPids();
    EXPECT_TRUE(kids.empty()) << "the test left " << kids.size() << " child process(es) behind";
    for (const int pid : kids) { // clean up so one failure does not cascade
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
    // CTest runs two tests at a time, and the other one may be holding a segment of its own right now: a
    // new entry counts as left behind only if it is still there after a grace period no run needs.
    std::set<std::string> left;
    for (int attempt = 0; attempt < 40; ++attempt) {
        left.clear();
        for (const auto& name : shmEntries())
            if (!m_shmBefore.count(name))
                left.insert(name);
        if (left.empty())
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (const auto& name : left)
        ADD_FAILURE() << "the test left /dev/shm/" << name << " behind";
}

} // namespace mptest
