// SPDX-License-Identifier: MIT
#pragma once
// Notices an actor's death before its parent reaps it. A process killed while its parent is busy (blocked
// in acquire(), sleeping, computing) stays a zombie until the parent calls join(), and the parent's own
// ActorExited report waits with it; the run would show a dead process as alive, and a waiter's hang could
// never be explained. The host watches every actor through a pidfd (readable once the process has ended)
// and, when a dead actor stays unreaped for a moment, reads its exit status from /proc/PID/stat itself.

#include <poll.h>
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <vector>

namespace mpstage {

class ExitWatch {
public:
    ExitWatch() = default;
    ~ExitWatch();
    ExitWatch(const ExitWatch&) = delete;
    ExitWatch& operator=(const ExitWatch&) = delete;

    void watch(std::uint32_t actor, pid_t pid);
    void forget(std::uint32_t actor);

    struct Dead {
        std::uint32_t actor = 0;
        int code = 0; // exit status, or minus the signal number
    };
    // Actors dead (and still unreaped) for at least graceNs by nowNs. Each is reported once.
    std::vector<Dead> poll(std::uint64_t nowNs, std::uint64_t graceNs);

private:
    struct Watched {
        pid_t pid = 0;
        int fd = -1;
        std::uint64_t deadSinceNs = 0; // when its pidfd first turned readable
    };
    std::map<std::uint32_t, Watched> m_watched;
};

// The exit code of a zombie (as Reaped::code), from field 52 of /proc/PID/stat, the status waitpid would
// give; false if `pid` is no zombie (still running, or already reaped).
bool zombieExitCode(pid_t pid, int& code);

} // namespace mpstage
