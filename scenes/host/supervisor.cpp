// SPDX-License-Identifier: MIT
#include "supervisor.h"
#include "run_loop.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace mpstage {

Supervisor::Supervisor(const Scene& scene, ParamValues params, RunOptions options)
    : m_scene(scene)
    , m_params(std::move(params))
    , m_options(std::move(options))
{
}

RunReport Supervisor::run()
{
    Janitor janitor; // first: it must hold none of the run's descriptors
    Session session(m_options.detail);
    if (m_options.startPaused || m_options.schedule || m_options.choose)
        session.pauseAll();
    if (m_options.choose)
        session.setMicroSteps(true);
    if (m_options.schedule)
        for (const auto& step : *m_options.schedule)
            if (step.micro)
                session.setMicroSteps(true);
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    // Being told to stop (a terminal's Ctrl+C, a kill) ends the run cleanly instead of abandoning it.
    sigset_t stopSignals, previous;
    sigemptyset(&stopSignals);
    for (const int sig : { SIGTERM, SIGINT, SIGHUP })
        sigaddset(&stopSignals, sig);
    ::sigprocmask(SIG_BLOCK, &stopSignals, &previous);
    const int signalFd = ::signalfd(-1, &stopSignals, SFD_CLOEXEC | SFD_NONBLOCK);
    RunLoop loop(m_scene, m_params, m_options, session, janitor);
    loop.started();
    std::fflush(nullptr);
    const pid_t host = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::sigprocmask(SIG_SETMASK, &previous, nullptr);
        ::close(signalFd);
        RunReport failed;
        failed.error = std::string("could not start the run: ") + std::strerror(errno);
        return failed;
    }
    if (pid == 0) {
        ::sigprocmask(SIG_SETMASK, &previous, nullptr); // the actors keep the signals they had
        ::close(signalFd);
        janitor.leaveToHost();
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // the run dies with its host
        if (::getppid() != host)
            ::_exit(1);
        const Scene& scene = m_scene;
        const ParamValues& params = m_params;
        session.runMainActor([&] { scene.run(params); });
    }
    ::setpgid(pid, pid);
    janitor.runGroup(pid);
    session.closeWriteEnd();
    RunReport report = loop.run(pid, signalFd);
    ::close(signalFd);
    ::sigprocmask(SIG_SETMASK, &previous, nullptr);
    return report;
}

} // namespace mpstage
