// SPDX-License-Identifier: MIT
#include "serve.h"

#include <mp/telemetry/wire.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <unistd.h>

namespace mpstage {

using namespace mp::telemetry;

namespace {

// Everything goes to stdout in whole frames; false once the reader has gone.
class Output {
public:
    bool write(const std::string& bytes)
    {
        std::size_t done = 0;
        while (m_ok && done < bytes.size()) {
            const ssize_t w = ::write(STDOUT_FILENO, bytes.data() + done, bytes.size() - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                m_ok = false;
            else
                done += static_cast<std::size_t>(w);
        }
        return m_ok;
    }
    void add(const Event& e) { encodeFrame(m_pending, e); }
    bool flush()
    {
        const bool ok = write(m_pending);
        m_pending.clear();
        return ok;
    }

private:
    std::string m_pending;
    bool m_ok = true;
};

} // namespace

int serve(HostRequest& r)
{
    std::signal(SIGPIPE, SIG_IGN);
    Output out;
    out.write(streamHeader());
    r.options.controlFd = STDIN_FILENO;
    r.options.stopOnHang = false; // the app shows the hang and its explanation; the teacher stops the run
    r.options.onEvent = [&](const World&, const Event& e) { out.add(e); };
    r.options.onIdle = [&] { return out.flush(); };
    Supervisor supervisor(*r.scene, r.params, r.options);
    const RunReport report = supervisor.run();
    Event ended = runEndedEvent(*r.scene, r.params, report);
    ended.timeNs = report.result.world ? report.result.world->lastNs() : 0;
    out.add(ended);
    out.flush();
    if (!r.recordPath.empty()) {
        std::ofstream file(r.recordPath);
        file << formatSchedule(report.grants);
    }
    return report.error.empty() ? 0 : report.badSchedule ? 2 : 3;
}

} // namespace mpstage
