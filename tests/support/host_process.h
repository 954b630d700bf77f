// SPDX-License-Identifier: MIT
#pragma once
// mpstage-host started the way the app starts it: its own stdin, stdout and stderr pipes.

#include <string>
#include <thread>
#include <vector>

namespace mptest {

class HostProcess {
public:
    explicit HostProcess(const std::vector<std::string>& args);
    ~HostProcess();
    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    struct Finished {
        int exitCode = 0;
        std::string out;
        std::string err;
    };
    // Runs to the end with stdin closed... no: with stdin open and unused, then returns what it wrote.
    static Finished run(const std::vector<std::string>& args, double timeoutS = 60.0);

    int pid() const { return m_pid; }
    void send(const std::string& text);
    void closeInput();
    // Waits for the exit status (killing the host after timeoutS); -signal if it was killed.
    int wait(double timeoutS);
    std::string output(); // stdout so far (complete after wait)
    std::string errors();

private:
    int m_pid = 0;
    int m_in = -1;
    int m_status = -1;
    bool m_reaped = false;
    std::string m_out;
    std::string m_err;
    std::thread m_reader;
};

// Every process below `pid` in the process tree (children, grandchildren, ...).
std::vector<int> descendants(int pid);
std::string readFile(const std::string& path);

} // namespace mptest
