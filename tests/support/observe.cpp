// SPDX-License-Identifier: MIT
#include "observe.h"

#include <mp/telemetry/wire.h>

#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace mptest {

using namespace mp::telemetry;

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
    for (;;) {
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
