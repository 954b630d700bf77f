// SPDX-License-Identifier: MIT
#include "host_process.h"
#include "leftovers.h"

#include <chrono>
#include <csignal>
#include <fstream>
#include <map>
#include <poll.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace mptest {

HostProcess::HostProcess(const std::vector<std::string>& args)
{
    std::signal(SIGPIPE, SIG_IGN); // writing to a host that has already finished must not kill the test
    int in[2], out[2], err[2];
    if (::pipe(in) || ::pipe(out) || ::pipe(err))
        throw std::runtime_error("pipe failed");
    m_pid = ::fork();
    if (m_pid == 0) {
        ::dup2(in[0], STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        for (const int fd : { in[0], in[1], out[0], out[1], err[0], err[1] })
            ::close(fd);
        std::vector<char*> argv;
        std::string bin = MPSTAGE_HOST_BIN;
        argv.push_back(bin.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(bin.c_str(), argv.data());
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    m_in = in[1];
    const int outFd = out[0];
    const int errFd = err[0];
    m_reader = std::thread([this, outFd, errFd] {
        pollfd fds[2] = { { outFd, POLLIN, 0 }, { errFd, POLLIN, 0 } };
        int open = 2;
        char buf[65536];
        while (open > 0) {
            ::poll(fds, 2, 100);
            for (int i = 0; i < 2; ++i) {
                if (fds[i].fd < 0 || !fds[i].revents)
                    continue;
                const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
                if (n <= 0) {
                    ::close(fds[i].fd);
                    fds[i].fd = -1;
                    --open;
                } else {
                    (i == 0 ? m_out : m_err).append(buf, static_cast<std::size_t>(n));
                }
            }
        }
    });
}

HostProcess::~HostProcess()
{
    if (!m_reaped) {
        ::kill(m_pid, SIGKILL);
        wait(5.0);
    }
    if (m_reader.joinable())
        m_reader.join();
    if (m_in >= 0)
        ::close(m_in);
}

void HostProcess::send(const std::string& text)
{
    if (m_in >= 0)
        (void)!::write(m_in, text.data(), text.size()); // the host may have finished already
}

void HostProcess::closeInput()
{
    if (m_in >= 0)
        ::close(m_in);
    m_in = -1;
}

int HostProcess::wait(double timeoutS)
{
    if (!m_reaped) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutS);
        for (;;) {
            const pid_t r = ::waitpid(m_pid, &m_status, WNOHANG);
            if (r == m_pid)
                break;
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(m_pid, SIGKILL);
                ::waitpid(m_pid, &m_status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        m_reaped = true;
        if (m_reader.joinable())
            m_reader.join();
    }
    return WIFEXITED(m_status) ? WEXITSTATUS(m_status) : -WTERMSIG(m_status);
}

std::string HostProcess::output()
{
    return m_out;
}
std::string HostProcess::errors()
{
    return m_err;
}

HostProcess::Finished HostProcess::run(const std::vector<std::string>& args, double timeoutS)
{
    HostProcess host(args);
    Finished f;
    f.exitCode = host.wait(timeoutS);
    f.out = host.m_out;
    f.err = host.m_err;
    return f;
}

std::vector<int> descendants(int root)
{
    std::map<int, int> parent = processParents();
    std::vector<int> out;
    for (const auto& [pid, ppid] : parent) {
        for (int p = ppid; p > 1; p = parent.count(p) ? parent[p] : 0)
            if (p == root) {
                out.push_back(pid);
                break;
            }
    }
    return out;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace mptest
