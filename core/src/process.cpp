// SPDX-License-Identifier: MIT
#include <mp/errors.h>
#include <mp/process.h>

#include "actor/probe.h"
#include "fork_gate.h"
#include "posix_call.h"
#include "runtime.h"
#include "runtime_access.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <iostream>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mp {

namespace detail {

struct ProcessImpl {
    std::function<void()> target;
    std::string name;
    std::vector<int> identity;
    bool daemon = false;
    bool started = false;
    pid_t pid = 0;
    pid_t parentPid = 0;
    int pidfd = -1;
    telemetry::ActorId actor; // when the run is observed

    std::optional<int> code() const
    {
        std::lock_guard lock(reaping);
        return exitcode;
    }

    ~ProcessImpl()
    {
        if (pidfd >= 0 && parentPid == getpid())
            ::close(pidfd);
    }

    // Reaps the child if it has ended (waiting as long as `block` says). Returns true once it has. Threads
    // may join, poll and list the same child at once: a blocking wait watches the pidfd, and the reaping
    // itself happens under the lock, once.
    bool poll(bool block)
    {
        if (block && pidfd >= 0 && !code()) {
            pollfd pfd { pidfd, POLLIN, 0 };
            retryEintr([&] { return ::poll(&pfd, 1, -1); });
        }
        std::lock_guard lock(reaping);
        if (exitcode)
            return true;
        int status = 0;
        const bool waits = block && pidfd < 0;
        const pid_t r = retryEintr([&] { return waitpid(pid, &status, waits ? 0 : WNOHANG); });
        if (r == 0)
            return false;
        if (r == -1) // ECHILD: someone else reaped it; CPython reports None forever, we report it as gone
            return false;
        if (WIFSIGNALED(status))
            exitcode = -WTERMSIG(status);
        else
            exitcode = WEXITSTATUS(status);
        if (actor)
            telemetry::probe::event(telemetry::EventType::ActorExited, {}, *exitcode, actor.value, name);
        // The pidfd stays open (and readable) until the Process goes, as CPython's sentinel stays open until
        // close(): connection.wait([p.sentinel]) after join() returns at once.
        return true;
    }

    [[noreturn]] void runChild();

private:
    mutable std::mutex reaping;
    std::optional<int> exitcode;
};

namespace {

int exitCodeFor(const std::exception_ptr& error, const std::string& name)
{
    try {
        std::rethrow_exception(error);
    } catch (const SystemExit& e) {
        return e.code();
    } catch (const Error& e) {
        std::fflush(stdout);
        std::cerr << "Process " << name << ":\nTraceback (most recent call last):\n  File \"<C++ target>\", in " << name
                  << "\n"
                  << e.type_name() << (std::string(e.what()).empty() ? "" : ": ") << e.what() << std::endl;
    } catch (const std::exception& e) {
        std::fflush(stdout);
        std::cerr << "Process " << name << ":\nTraceback (most recent call last):\n  File \"<C++ target>\", in " << name
                  << "\nRuntimeError: " << e.what() << std::endl;
    } catch (...) {
        std::cerr << "Process " << name << ":\nRuntimeError: unknown C++ exception" << std::endl;
    }
    return 1;
}

} // namespace

void ProcessImpl::runChild()
{
    RuntimeAccess::becomeChild(name, identity, daemon);
    if (actor)
        telemetry::ActorRuntime::becomeChild(actor, name);
    resetAfterFork();
    runAndExit(target, name);
}

void runAndExit(const std::function<void()>& target, const std::string& name)
{
    // As CPython's _bootstrap does: the child does not share the parent's stdin.
    if (const int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC); devnull >= 0) {
        ::dup2(devnull, STDIN_FILENO);
        ::close(devnull);
    }
    int code = 0;
    std::exception_ptr error;
    try {
        target();
    } catch (...) {
        error = std::current_exception();
    }
    try {
        exitFunction();
    } catch (...) {
        if (!error)
            error = std::current_exception();
    }
    if (error)
        code = exitCodeFor(error, name);
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    if (telemetry::g_actor)
        telemetry::g_actor->exiting();
    ::_exit(code);
}

CurrentProcess& RuntimeAccess::current()
{
    static auto* p = new CurrentProcess;
    return *p;
}

namespace {
RuntimeAccess::Children*& childrenSlot()
{
    static auto* c = new RuntimeAccess::Children;
    return c;
}
} // namespace

RuntimeAccess::Children& RuntimeAccess::children()
{
    return *childrenSlot();
}

void RuntimeAccess::forgetChildren()
{
    RuntimeAccess::Children*& slot = childrenSlot();
    slot->list.clear(); // the child has one thread: nobody else can hold the lock's list now
    slot = new Children; // NOLINT(cppcoreguidelines-owning-memory): the old one is left as the fork left it
}

namespace {
// multiprocessing.process._process_counter: threads may make Processes at once.
std::atomic<int>& counter()
{
    static std::atomic<int> c { 0 };
    return c;
}
} // namespace

int RuntimeAccess::nextCount()
{
    return counter().fetch_add(1) + 1;
}

void RuntimeAccess::becomeChild(const std::string& name, const std::vector<int>& identity, bool daemonic)
{
    CurrentProcess& cp = current();
    cp.m_name = name;
    cp.m_identity = identity;
    cp.m_daemon = daemonic;
    counter().store(0);
}

} // namespace detail

using detail::RuntimeAccess;

int CurrentProcess::pid() const
{
    return static_cast<int>(getpid());
}

const CurrentProcess& current_process()
{
    return RuntimeAccess::current();
}

Process::Process(std::function<void()> target, std::string name)
    : m(std::make_shared<detail::ProcessImpl>())
{
    m->target = std::move(target);
    m->identity = RuntimeAccess::current().identity();
    m->identity.push_back(RuntimeAccess::nextCount());
    if (name.empty()) {
        name = "Process-";
        for (std::size_t i = 0; i < m->identity.size(); ++i)
            name += (i ? ":" : "") + std::to_string(m->identity[i]);
    }
    m->name = std::move(name);
    m->daemon = RuntimeAccess::current().daemon();
}

void Process::start()
{
    if (m->started)
        throw AssertionError("cannot start a process twice");
    if (RuntimeAccess::current().daemon())
        throw AssertionError("daemonic processes are not allowed to have children");
    detail::ignoreSigpipe();
    // Reap children that already finished, as CPython's _cleanup() does before each start.
    active_children();
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    if (telemetry::g_actor)
        m->actor = telemetry::g_actor->prepareChild();
    pid_t pid = -1;
    {
        detail::ForkSection quiet; // fork_gate.h: not while a feeder or the flusher allocates, under ASan
        pid = detail::posixCall([] { return ::fork(); });
    }
    if (pid == 0)
        m->runChild();
    m->started = true;
    m->pid = pid;
    m->parentPid = getpid();
    m->pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    {
        auto& kids = RuntimeAccess::children();
        std::lock_guard lock(kids.mutex);
        kids.list.push_back(m);
    }
    // The parent leaves through the exit sequence too, so it joins its children and flushes its queues.
    detail::installExitHandler();
}

void Process::join(Timeout timeout)
{
    if (!m->started)
        throw AssertionError("can only join a started process");
    if (m->parentPid != getpid())
        throw AssertionError("can only join a child process");
    telemetry::probe::gate(false, "join");
    telemetry::probe::Blocking blocking({}, "join", telemetry::probe::until(timeout), m->actor.value);
    if (!timeout) {
        m->poll(true);
    } else if (!m->poll(false) && m->pidfd >= 0) {
        const double deadline = detail::monotonic() + std::max(0.0, *timeout);
        for (;;) {
            const double left = deadline - detail::monotonic();
            pollfd pfd { m->pidfd, POLLIN, 0 };
            const int r = ::poll(&pfd, 1, left <= 0 ? 0 : static_cast<int>(left * 1000) + 1);
            if (r == -1 && errno == EINTR)
                continue;
            m->poll(false);
            break;
        }
    }
    if (m->code()) {
        auto& kids = RuntimeAccess::children();
        std::lock_guard lock(kids.mutex);
        std::erase(kids.list, m);
    }
}

bool Process::is_alive() const
{
    if (!m->started || m->parentPid != getpid())
        return false;
    return !m->poll(false);
}

std::optional<int> Process::exitcode() const
{
    if (m->started && m->parentPid == getpid())
        m->poll(false);
    return m->code();
}

int Process::pid() const
{
    return static_cast<int>(m->pid);
}
const std::string& Process::name() const
{
    return m->name;
}
void Process::set_name(std::string name)
{
    m->name = std::move(name);
}
bool Process::daemon() const
{
    return m->daemon;
}

void Process::set_daemon(bool daemonic)
{
    if (m->started)
        throw AssertionError("process has already started");
    m->daemon = daemonic;
}

void Process::terminate()
{
    if (m->started && !m->code())
        ::kill(m->pid, SIGTERM);
}

void Process::kill()
{
    if (m->started && !m->code())
        ::kill(m->pid, SIGKILL);
}

int Process::sentinel() const
{
    if (!m->started)
        throw ValueError("process not started");
    return m->pidfd;
}

std::vector<Process> active_children()
{
    auto& kids = RuntimeAccess::children();
    std::lock_guard lock(kids.mutex);
    std::erase_if(kids.list, [](const auto& impl) { return impl->poll(false); });
    std::vector<Process> out;
    for (const auto& impl : kids.list) {
        out.push_back(Process(impl));
    }
    return out;
}

} // namespace mp
