// SPDX-License-Identifier: MIT
#include "janitor.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <mp/shared_memory.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mpstage {

namespace {

constexpr int MAX_NAMES = 256;
constexpr std::size_t NAME_MAX_LEN = 255;

// The names it will unlink if the host vanishes.
class Names {
public:
    void add(const char* name)
    {
        if (m_count < MAX_NAMES && std::strlen(name) <= NAME_MAX_LEN && !find(name)) {
            m_names[m_count][0] = '/';
            std::strcpy(m_names[m_count] + 1, name);
            ++m_count;
        }
    }
    void remove(const char* name)
    {
        if (char* n = find(name)) {
            std::strcpy(n, m_names[m_count - 1]);
            --m_count;
        }
    }
    void unlinkAll()
    {
        for (int i = 0; i < m_count; ++i)
            ::shm_unlink(m_names[i]);
    }

private:
    char* find(const char* name)
    {
        for (int i = 0; i < m_count; ++i)
            if (std::strcmp(m_names[i] + 1, name) == 0)
                return m_names[i];
        return nullptr;
    }
    char m_names[MAX_NAMES][NAME_MAX_LEN + 2] {};
    int m_count = 0;
};

// One message from the run's processes: "s NAME" (about to create it) or "f NAME" (it was not created).
void takeAnnouncement(const char* message, Names& names)
{
    if (message[0] == 's' && message[1] == ' ')
        names.add(message + 2);
    else if (message[0] == 'f' && message[1] == ' ')
        names.remove(message + 2);
}

// Every announcement waiting on the socket, without blocking.
void drainAnnouncements(int fd, Names& names)
{
    static char message[NAME_MAX_LEN + 8];
    for (;;) {
        const ssize_t n = ::recv(fd, message, sizeof message - 1, MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        message[n] = '\0';
        takeAnnouncement(message, names);
    }
}

// The janitor process: reads "g PGID", "s NAME" and "done" lines from the host until its pipe ends, and the
// run's own announcements of blocks they are about to create from a datagram socket.
[[noreturn]] void janitorMain(int hostFd, int announceFd)
{
    for (const int sig : { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE })
        ::signal(sig, SIG_IGN); // stopping the host from a terminal must not stop its cleanup
    const int fd = ::fcntl(hostFd, F_DUPFD, 10); // out of the way of stdin, stdout and stderr
    const int announce = ::fcntl(announceFd, F_DUPFD, fd + 1);
    const int null = ::open("/dev/null", O_RDWR);
    for (int i = 0; i < 3; ++i)
        ::dup2(null, i); // the host's stdout and stderr must end when the host does, not when we do
    ::close_range(3, static_cast<unsigned>(fd) - 1, 0); // and nothing else of the host's stays open here
    ::close_range(static_cast<unsigned>(announce) + 1, ~0U, 0);
    static Names names;
    pid_t group = 0;
    bool done = false;
    static char buf[8192];
    std::size_t have = 0;
    for (;;) {
        pollfd fds[2] = { { fd, POLLIN, 0 }, { announce, POLLIN, 0 } };
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents & POLLIN)
            drainAnnouncements(announce, names);
        if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
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
            else if (line[0] == 's' && line[1] == ' ')
                names.add(line + 2);
            else if (std::strcmp(line, "done") == 0)
                done = true;
            line = eol + 1;
        }
        have -= static_cast<std::size_t>(line - buf);
        std::memmove(buf, line, have);
        if (have == sizeof buf)
            have = 0; // a line too long for us: not one the host writes
    }
    if (!done && group > 0) { // the host vanished: finish its work
        ::kill(-group, SIGKILL);
        const timespec moment { 0, 20'000'000 }; // for the signal to land: none of them creates a block after
        ::nanosleep(&moment, nullptr);
    }
    // Whether the host cleaned up or not, a block of the run still there was forgotten by whoever made it (a
    // process killed before it could report the block, or before unlink()): the run is over, it goes, as
    // CPython's resource tracker unlinks what is left at shutdown.
    drainAnnouncements(announce, names);
    names.unlinkAll();
    ::_exit(0);
}

// The run's end of the announcement socket, for the shared memory hook (set in the host, inherited by every
// process of the run).
int g_announceFd = -1;

void announce(const char* name, mp::SharedMemoryIntent intent)
{
    if (g_announceFd < 0)
        return;
    char message[NAME_MAX_LEN + 8];
    const int n = std::snprintf(
        message, sizeof message, "%c %s", intent == mp::SharedMemoryIntent::WillCreate ? 's' : 'f', name);
    if (n > 0 && static_cast<std::size_t>(n) < sizeof message)
        (void)!::send(g_announceFd, message, static_cast<std::size_t>(n), MSG_NOSIGNAL | MSG_DONTWAIT);
}

} // namespace

Janitor::Janitor()
{
    int fds[2];
    int sockets[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return;
    if (::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sockets) != 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return;
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[1]);
        ::close(sockets[1]);
        janitorMain(fds[0], sockets[0]);
    }
    ::close(fds[0]);
    ::close(sockets[0]);
    if (pid < 0) {
        ::close(fds[1]);
        ::close(sockets[1]);
        return;
    }
    m_pid = pid;
    m_fd = fds[1];
    m_announceFd = sockets[1];
    g_announceFd = m_announceFd;
    mp::set_shared_memory_create_hook(&announce);
}

Janitor::~Janitor()
{
    if (m_pid <= 0)
        return;
    mp::set_shared_memory_create_hook(nullptr);
    g_announceFd = -1;
    send("done\n");
    ::close(m_fd);
    ::close(m_announceFd);
    while (::waitpid(m_pid, nullptr, 0) == -1 && errno == EINTR) { }
}

void Janitor::leaveToHost()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_pid = -1; // the announcement socket stays: this process and its children announce their blocks on it
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
