// SPDX-License-Identifier: MIT
#pragma once
// The run's own resource tracker. A host killed with SIGKILL cleans up nothing: its run's processes notice
// and exit (PR_SET_PDEATHSIG, a broken telemetry pipe), but none of them runs a finalizer, so a shared memory
// block the run created would stay in /dev/shm for good. The janitor is a small process the host forks
// before the run, outside the run's process group, that learns the run's process group and the names of the
// blocks it creates, and when the host vanishes (its pipe from the host ends without "done") kills what is
// left of the run and unlinks those blocks. CPython's multiprocessing.resource_tracker is the same idea.
// It allocates nothing after the fork: the host may have threads (the tests run the Supervisor in-process).
// The host's report of a block can come too late (the host killed before it read the frame), so the run's
// processes also tell the janitor themselves, just before they create a block (mp's shared memory create
// hook), on a datagram socket whose other end they inherit.

#include <string>
#include <sys/types.h>

namespace mpstage {

class Janitor {
public:
    Janitor(); // forks it (if that fails, the run goes on without one)
    ~Janitor(); // the host cleaned up itself: tells the janitor so, and reaps it
    Janitor(const Janitor&) = delete;
    Janitor& operator=(const Janitor&) = delete;

    void runGroup(pid_t group);
    // In the run's main actor, right after its fork: the pipe must end when the host does.
    void leaveToHost();
    void sharedMemory(const std::string& name);

private:
    void send(const std::string& line);
    pid_t m_pid = -1;
    int m_fd = -1;
    int m_announceFd = -1;
};

} // namespace mpstage
