// SPDX-License-Identifier: MIT
#pragma once
// team.h with bare system calls, for the raw references: members are fork()ed children; each writes a byte
// to say it is ready and blocks reading the start pipe, which this process closes to start them all at once;
// a member that reports completion writes a byte to the done pipe. Failures abort.

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace rawteam {

inline void writeByte(int fd)
{
    const char c = 0;
    if (::write(fd, &c, 1) != 1)
        std::abort();
}

inline void readByte(int fd)
{
    char c;
    if (::read(fd, &c, 1) != 1)
        std::abort();
}

class Team {
public:
    Team()
    {
        if (::pipe(m_ready) != 0 || ::pipe(m_go) != 0 || ::pipe(m_done) != 0)
            std::abort();
    }

    void add(std::function<void()> body, bool reportsDone)
    {
        m_members.push_back({ std::move(body), reportsDone });
        m_reporting += reportsDone ? 1 : 0;
    }

    void start()
    {
        for (Member& m : m_members) {
            const pid_t pid = ::fork();
            if (pid == 0) {
                ::close(m_go[1]);
                writeByte(m_ready[1]);
                char c;
                if (::read(m_go[0], &c, 1) != 0) // end of file is the start signal
                    std::abort();
                m.body();
                if (m.reportsDone)
                    writeByte(m_done[1]);
                ::_exit(0);
            }
            if (pid < 0)
                std::abort();
            m_pids.push_back(pid);
        }
        for (std::size_t i = 0; i < m_members.size(); ++i)
            readByte(m_ready[0]);
    }

    double time()
    {
        const auto t0 = std::chrono::steady_clock::now();
        ::close(m_go[1]);
        for (int i = 0; i < m_reporting; ++i)
            readByte(m_done[0]);
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }

    bool join()
    {
        bool ok = true;
        for (const pid_t pid : m_pids) {
            int status = 0;
            ok = ok && ::waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
        }
        for (int fd : { m_ready[0], m_ready[1], m_go[0], m_done[0], m_done[1] })
            ::close(fd);
        return ok;
    }

    void run(benchmark::State& state)
    {
        start();
        for (auto _ : state)
            state.SetIterationTime(time());
        if (!join())
            state.SkipWithError("a team member failed");
    }

private:
    struct Member {
        std::function<void()> body;
        bool reportsDone;
    };
    std::vector<Member> m_members;
    std::vector<pid_t> m_pids;
    int m_reporting = 0;
    int m_ready[2];
    int m_go[2];
    int m_done[2];
};

} // namespace rawteam
