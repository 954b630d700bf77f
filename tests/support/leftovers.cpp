// SPDX-License-Identifier: MIT
#include "leftovers.h"

#include <mp/process.h>

#include <dirent.h>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace mptest {

std::vector<int> childPids()
{
    std::vector<int> out;
    DIR* dir = opendir("/proc");
    if (!dir)
        return out;
    const int me = getpid();
    while (const dirent* e = readdir(dir)) {
        const int pid = std::atoi(e->d_name);
        if (pid <= 0)
            continue;
        std::ifstream stat(std::string("/proc/") + e->d_name + "/stat");
        std::string line;
        if (!std::getline(stat, line))
            continue;
        const auto close = line.rfind(')');
        if (close == std::string::npos)
            continue;
        int ppid = 0;
        char state = 0;
        std::sscanf(line.c_str() + close + 2, "%c %d", &state, &ppid);
        if (ppid == me)
            out.push_back(pid);
    }
    closedir(dir);
    return out;
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

void NoLeftovers::SetUp() { m_shmBefore = shmEntries(); }

void NoLeftovers::TearDown()
{
    const auto kids = childPids();
    EXPECT_TRUE(kids.empty()) << "the test left " << kids.size() << " child process(es) behind";
    for (const int pid : kids) { // clean up so one failure does not cascade
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
    for (const auto& name : shmEntries())
        EXPECT_TRUE(m_shmBefore.count(name)) << "the test left /dev/shm/" << name << " behind";
}

} // namespace mptest
