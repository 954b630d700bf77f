// SPDX-License-Identifier: MIT
// Every scene's Python listing, run under python3 exactly as shown, behaves as the scene says: the same
// output as the C++ run where the output is deterministic, the same kind of ending otherwise. Skipped, with
// a message, where python3 is not installed.
#include <mpstage/catalogue.h>

#include "program_scene.h"
#include "scene_header.h"

#include "leftovers.h"
#include "supervisor.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sstream>
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

// The shipped scene files (scenes/programs/), run under CPython at the defaults and in each variant: with
// their parameters as module-level names, converted as mpstage-host converts them (embedded_python.cpp), in
// the real __main__ so that Pool can find the program's functions. A file declared to hang hangs, any other
// ends with exit code 0, and one whose header declares its whole stdout exactly for these parameters prints
// just that, unless it uses mpstage's feeder slow motion, which CPython does not have.
struct FileCase {
    std::string path;
    std::vector<std::pair<std::string, std::string>> params;
};

std::vector<FileCase> allFiles()
{
    std::vector<FileCase> out;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(MPSTAGE_SOURCE_SCENES))) {
        if (entry.path().extension() != ".py")
            continue;
        const auto scene = mpstage::programScene(entry.path().string());
        out.push_back({ entry.path().string(), {} });
        for (const auto& v : scene->variants)
            out.push_back({ entry.path().string(), v.params });
    }
    std::sort(out.begin(), out.end(),
        [](const FileCase& a, const FileCase& b) { return std::tie(a.path, a.params) < std::tie(b.path, b.params); });
    return out;
}

std::string pythonString(const std::string& text)
{
    std::string out = "'";
    for (const char c : text)
        out += c == '\'' || c == '\\' ? std::string("\\") + c : std::string(1, c);
    return out + "'";
}

class SceneFileUnderCPythonTest : public mptest::NoLeftovers, public ::testing::WithParamInterface<FileCase> { };

TEST_P(SceneFileUnderCPythonTest, RunsUnderCPythonAsItsHeaderSays)
{
    if (!havePython())
        GTEST_SKIP() << "python3 with multiprocessing is not installed: the scene files cannot be run here";
    const FileCase& c = GetParam();
    std::ifstream in(c.path);
    std::ostringstream source;
    source << in.rdbuf();
    const mpstage::SceneHeader header = mpstage::parseSceneHeader(source.str());
    const mpstage::ParamValues params = mpstage::parseParams(header.params, c.params);
    const mpstage::ExpectedKind kind = header.expectationFor(params).kind;
    std::string program = "def _value(text):\n"
                          "    for convert in (int, {'true': True, 'false': False}.__getitem__, float):\n"
                          "        try:\n"
                          "            return convert(text)\n"
                          "        except (ValueError, KeyError):\n"
                          "            pass\n"
                          "    return text\n";
    for (const auto& [key, text] : params.raw())
        program += "globals()[" + pythonString(key) + "] = _value(" + pythonString(text) + ")\n";
    program += "__file__ = " + pythonString(c.path) + "\n";
    program += "exec(compile(open(__file__).read(), __file__, 'exec'))\n";

    const PythonRun python = runPython(program, kind == mpstage::ExpectedKind::Hangs ? 3.0 : 60.0);

    if (kind == mpstage::ExpectedKind::Hangs) {
        EXPECT_TRUE(python.timedOut) << "the program finished although its header says it hangs:\n" << python.out;
        return;
    }
    ASSERT_FALSE(python.timedOut) << "the program hung:\n" << python.out;
    EXPECT_EQ(python.exitCode, 0) << python.out;
    const auto declared = header.printsFor(params);
    const bool exact = declared.size() == 1 && declared.front()->actor.empty() && !declared.front()->anyOrder
        && declared.front()->text.find("...") == std::string::npos;
    if (exact && source.str().find("_set_feeder_delay") == std::string::npos) {
        EXPECT_EQ(python.out, declared.front()->text);
    }
}

INSTANTIATE_TEST_SUITE_P(SceneFiles, SceneFileUnderCPythonTest, ::testing::ValuesIn(allFiles()),
    [](const ::testing::TestParamInfo<FileCase>& info) {
        std::string name = std::filesystem::path(info.param.path).stem().string() + "_" + std::to_string(info.index);
        for (char& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c)))
                c = '_';
        return name;
    });

} // namespace
