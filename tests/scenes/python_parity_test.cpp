// SPDX-License-Identifier: MIT
// Every scene's Python listing, run under python3 exactly as shown, behaves as the scene says: the same
// output as the C++ run where the output is deterministic, the same kind of ending otherwise. Skipped, with
// a message, where python3 is not installed.
#include <mpstage/catalogue.h>

#include "leftovers.h"
#include "supervisor.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <poll.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

struct PythonRun {
    std::string out;
    bool timedOut = false;
    int exitCode = 0;
};

bool havePython()
{
    return std::system("python3 -c 'import multiprocessing' >/dev/null 2>&1") == 0;
}

PythonRun runPython(const std::string& program, double timeoutS)
{
    char path[] = "/tmp/mpstage-listing-XXXXXX";
    const int fd = ::mkstemp(path);
    ::close(fd);
    std::ofstream(path) << program;
    int pipeFds[2];
    EXPECT_EQ(::pipe(pipeFds), 0);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setpgid(0, 0); // python's own children are killed with it
        ::dup2(pipeFds[1], STDOUT_FILENO);
        // As `python3 -u`: each print leaves at once, so output from several processes keeps its real order
        // and a daemon terminated at exit does not take buffered lines with it.
        ::setenv("PYTHONUNBUFFERED", "1", 1);
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);
        ::execlp("python3", "python3", path, static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::setpgid(pid, pid);
    ::close(pipeFds[1]);
    PythonRun run;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutS);
    char buf[4096];
    for (;;) {
        const auto left
            = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                  .count();
        if (left <= 0) {
            run.timedOut = true;
            break;
        }
        pollfd p { pipeFds[0], POLLIN, 0 };
        if (::poll(&p, 1, static_cast<int>(left)) <= 0)
            continue;
        const ssize_t n = ::read(pipeFds[0], buf, sizeof buf);
        if (n <= 0)
            break;
        run.out.append(buf, static_cast<std::size_t>(n));
    }
    // Let Python finish on its own (its resource tracker unlinks what the program leaked only as the
    // program ends), and kill its whole process group only if it overstays the timeout.
    int status = 0;
    for (;;) {
        if (::waitpid(pid, &status, WNOHANG) == pid)
            break;
        if (run.timedOut || std::chrono::steady_clock::now() > deadline) {
            run.timedOut = true;
            ::kill(-pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    // Python's own children (and its resource tracker) end with it or soon after; what is left of the group
    // is killed, and reaped here if this process adopted it (the Supervisor makes us a child subreaper).
    for (int i = 0; i < 200 && ::kill(-pid, 0) == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ::kill(-pid, SIGKILL);
    while (::waitpid(-pid, nullptr, 0) > 0 || errno == EINTR) { }
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    ::close(pipeFds[0]);
    ::unlink(path);
    return run;
}

struct Case {
    std::string scene;
    std::vector<std::pair<std::string, std::string>> params;
};

std::vector<Case> allCases()
{
    std::vector<Case> out;
    for (const mpstage::Scene& s : mpstage::catalogue()) {
        out.push_back({ s.id, {} });
        for (const auto& v : s.variants)
            out.push_back({ s.id, v.params });
    }
    return out;
}

class PythonParityTest : public mptest::NoLeftovers, public ::testing::WithParamInterface<Case> { };

TEST_P(PythonParityTest, TheListingRunsUnderPythonAndBehavesAsTheSceneSays)
{
    if (!havePython())
        GTEST_SKIP() << "python3 with multiprocessing is not installed: the listings cannot be run here";
    const mpstage::Scene& scene = *mpstage::findScene(GetParam().scene);
    const auto params = mpstage::parseParams(scene.params, GetParam().params);
    const mpstage::OutcomeKind kind = scene.expected(params).kind;

    const PythonRun python = runPython(scene.listing(params), kind == mpstage::OutcomeKind::Hangs ? 3.0 : 60.0);

    if (kind == mpstage::OutcomeKind::Hangs) {
        EXPECT_TRUE(python.timedOut) << "the Python program finished although the scene hangs:\n" << python.out;
        return;
    }
    ASSERT_FALSE(python.timedOut) << "the Python program hung:\n" << python.out;
    EXPECT_EQ(python.exitCode, 0) << python.out;
    if (scene.parity == mpstage::Parity::SamePrints) {
        mpstage::RunOptions options;
        options.timeoutS = 20;
        const mpstage::RunReport cpp = mpstage::Supervisor(scene, params, options).run();
        EXPECT_EQ(python.out, cpp.result.allPrinted);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Catalogue, PythonParityTest, ::testing::ValuesIn(allCases()), [](const ::testing::TestParamInfo<Case>& info) {
        std::string name = info.param.scene + "_" + std::to_string(info.index);
        for (char& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c)))
                c = '_';
        return name;
    });

} // namespace
