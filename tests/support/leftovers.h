// SPDX-License-Identifier: MIT
#pragma once
// Every cross-process test inherits this fixture: after the test, the test process must have no child left
// (running or zombie) and /dev/shm must hold nothing the test created.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace mptest {

// pid -> parent pid of every process on the machine (zombies included), from /proc.
std::map<int, int> processParents();
std::vector<int> childPids(); // direct children of this process, zombies included
// Still running: exists and is not a zombie waiting for whoever adopted it to reap it.
bool running(int pid);
std::set<std::string> shmEntries();

class NoLeftovers : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

private:
    std::set<std::string> m_shmBefore;
};

} // namespace mptest
