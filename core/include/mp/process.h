// SPDX-License-Identifier: MIT
#pragma once
// mp::Process mirrors multiprocessing.Process with the fork start method: start() forks, the child runs the
// target and leaves through the same exit path as CPython's _bootstrap (finalizers such as queue flushing,
// daemonic children terminated, the others joined), then _exit()s with the target's exit code.

#include <mp/timeout.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mp {

namespace detail {
struct ProcessImpl;
struct RuntimeAccess;
}

class Process;
std::vector<Process> active_children();

class Process {
public:
    // name defaults to "Process-N" (or "Process-N:M" in a child), numbered as CPython numbers them.
    explicit Process(std::function<void()> target, std::string name = {});

    void start();
    void join(Timeout timeout = std::nullopt);
    bool is_alive() const;
    // None until the process has ended; negative signal number if it was killed.
    std::optional<int> exitcode() const;
    int pid() const; // 0 before start (Python's None)
    const std::string& name() const;
    void set_name(std::string name);
    bool daemon() const;
    void set_daemon(bool daemonic);
    void terminate(); // SIGTERM
    void kill(); // SIGKILL
    // A descriptor that becomes readable when the process ends (Process.sentinel).
    int sentinel() const;

private:
    friend std::vector<Process> active_children();
    explicit Process(std::shared_ptr<detail::ProcessImpl> impl)
        : m(std::move(impl))
    {
    }
    std::shared_ptr<detail::ProcessImpl> m;
};

// What multiprocessing.current_process() tells about the calling process.
class CurrentProcess {
public:
    const std::string& name() const { return m_name; }
    int pid() const;
    bool daemon() const { return m_daemon; }
    const std::vector<int>& identity() const { return m_identity; }

private:
    friend struct detail::RuntimeAccess;
    std::string m_name = "MainProcess";
    std::vector<int> m_identity;
    bool m_daemon = false;
};

const CurrentProcess& current_process();
// Children of this process that are still running (finished ones are reaped, as in CPython).
std::vector<Process> active_children();

} // namespace mp
