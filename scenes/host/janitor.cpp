// SPDX-License-Identifier: MIT
#include "janitor.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mpstage {

namespace {

constexpr int MAX_NAMES = 256;
constexpr std::size_t NAME_MAX_LEN = 255;

// The janitor process: reads "g PGID", "s NAME" and "done" lines from the host until the pipe ends.
[[noreturn]] void janitorMain(int fd)
{
    for (const int sig : { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE })
        ::signal(sig, SIG_IGN); // stopping the host from a terminal must not stop its cleanup
    fd = ::fcntl(fd, F_DUPFD, 3); // out of the way of stdin, stdout and stderr
    const int null = ::open("/dev/null", O_RDWR);
    for (int i = 0; i < 3; ++i)
        ::dup2(null, i); // the host's stdout and stderr must end when the host does, not when we do
    ::close_range(3, static_cast<unsigned>(fd) - 1, 0); // and nothing else of the host's stays open here
    ::close_range(static_cast<unsigned>(fd) + 1, ~0U, 0);
    static char names[MAX_NAMES][NAME_MAX_LEN + 2];
    int count = 0;
    pid_t group = 0;
    bool done = false;
    static char buf[8192];
    std::size_t have = 0;
    for (;;) {
        const ssize_t n = ::read(fd, buf + have, sizeof buf - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        have += static_cast<std::size_t>(n);
        char* line = buf;
        while (char* eol = static_cast<char*>(std::memchr(line, '\n', have - static_cast<std::size_t>(line - buf)))) {
            *eol = '\0';
            if (line[0] == 'g' && line[1] == ' ')
                group = static_cast<pid_t>(std::strtol(line + 2, nullptr, 10));
            else if (line[0] == 's' && line[1] == ' ' && count < MAX_NAMES && std::strlen(line + 2) <= NAME_MAX_LEN) {
                names[count][0] = '/';
                std::strcpy(names[count] + 1, line + 2);
                ++count;
            } else if (std::strcmp(line, "done") == 0)
                done = true;
            line = eol + 1;
        }
        have -= static_cast<std::size_t>(line - buf);
        std::memmove(buf, line, have);
        if (have == sizeof buf)
            have = 0; // a line too long for us: not one the host writes
    }
    if (!done) { // the host vanished: finish its work
        if (group > 0) {
            ::kill(-group, SIGKILL);
            const timespec moment { 0, 20'000'000 }; // for the signal to land: none of them creates a block after
            ::nanosleep(&moment, nullptr);
        }
        for (int i = 0; i < count; ++i)
            ::shm_unlink(names[i]);
    }
    ::_exit(0);
}

} // namespace

Janitor::Janitor()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[1]);
        janitorMain(fds[0]);
    }
    ::close(fds[0]);
    if (pid < 0) {
        ::close(fds[1]);
        return;
    }
    m_pid = pid;
    m_fd = fds[1];
}

Janitor::~Janitor()
{
    if (m_pid <= 0)
        return;
    send("done\n");
    ::close(m_fd);
    while (::waitpid(m_pid, nullptr, 0) == -1 && errno == EINTR) { }
}

void Janitor::leaveToHost()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_pid = -1;
}

void Janitor::runGroup(pid_t group)
{
    send("g " + std::to_string(group) + "\n");
}

void Janitor::sharedMemory(const std::string& name)
{
    if (!name.empty() && name.size() <= NAME_MAX_LEN && name.find_first_of("/\n") == std::string::npos)
        send("s " + name + "\n");
}

void Janitor::send(const std::string& line)
{
    if (m_fd >= 0)
        (void)!::write(m_fd, line.data(), line.size()); // at most a few hundred bytes: the pipe holds them
}

} // namespace mpstage
