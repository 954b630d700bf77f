// SPDX-License-Identifier: MIT
#include "observe.h"

#include <mp/telemetry/wire.h>

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <poll.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace mptest {

using namespace mp::telemetry;

namespace {

// Far longer than any run these tests observe takes, even under a sanitizer. A run that hangs fails here,
// in words, instead of at CTest's timeout, and takes no process with it.
constexpr auto RUN_LIMIT = std::chrono::seconds(30);

void killEveryActor(const Session& session)
{
    for (std::uint32_t id = 1; id <= MAX_ACTORS; ++id)
        if (const int pid = session.pid(ActorId { id }); pid > 0)
            ::kill(pid, SIGKILL);
}

} // namespace

Observed observe(const std::function<void()>& scene, Detail detail, const std::function<void(Session&)>& control)
{
    Session session(detail);
    const pid_t pid = ::fork();
    if (pid == 0)
        session.runMainActor(scene);
    session.closeWriteEnd();
    std::thread controller;
    if (control)
        controller = std::thread([&] { control(session); });
    Observed out;
    Decoder decoder;
    decoder.feed(streamHeader());
    char buf[65536];
    const auto deadline = std::chrono::steady_clock::now() + RUN_LIMIT;
    bool killed = false;
    for (;;) {
        const auto left
            = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        pollfd pfd { session.readFd(), POLLIN, 0 };
        if (!killed && (left.count() <= 0 || ::poll(&pfd, 1, static_cast<int>(left.count())) == 0)) {
            ADD_FAILURE() << "the observed run had not ended after " << RUN_LIMIT.count()
                          << " s: every actor was killed";
            killEveryActor(session);
            killed = true;
        }
        const ssize_t n = ::read(session.readFd(), buf, sizeof buf);
        if (n <= 0)
            break;
        decoder.feed(std::string_view(buf, static_cast<std::size_t>(n)));
        while (auto e = decoder.next())
            out.events.push_back(std::move(*e));
    }
    decoder.finish();
    if (controller.joinable())
        controller.join();
    int status = 0;
    ::waitpid(pid, &status, 0);
    out.mainExitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    return out;
}

std::vector<Event> ofType(const std::vector<Event>& events, EventType type)
{
    std::vector<Event> out;
    for (const Event& e : events)
        if (e.type == type)
            out.push_back(e);
    return out;
}

} // namespace mptest
