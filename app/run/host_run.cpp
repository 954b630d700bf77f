// SPDX-License-Identifier: MIT
#include "run/host_run.h"

#include "replay/run_file.h"

#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace mpstage::app {

namespace {

constexpr qsizetype ERROR_TAIL = 2000;
constexpr std::size_t READ_BUDGET = 1 << 20; // bytes per wake-up, so one burst cannot hold up a frame

QString errorTail(const QByteArray& errors)
{
    const QString text = QString::fromUtf8(errors).trimmed();
    return text.isEmpty() ? QString() : QStringLiteral(" It said: ") + text;
}

} // namespace

HostRun::HostRun(QObject* parent)
    : QObject(parent)
{
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] {
        m_errors += m_process.readAllStandardError();
        if (m_errors.size() > ERROR_TAIL)
            m_errors = m_errors.right(ERROR_TAIL);
    });
    connect(&m_process, &QProcess::errorOccurred, this, &HostRun::onError);
    connect(&m_process, &QProcess::started, this, [this] {
        if (m_writeFd >= 0) { // the host has its copy now
            ::close(m_writeFd);
            m_writeFd = -1;
        }
        if (!m_unsent.empty())
            m_process.write(m_unsent.data(), static_cast<qint64>(m_unsent.size()));
        m_unsent.clear();
    });
    connect(&m_process, &QProcess::finished, this, &HostRun::onFinished);
}

HostRun::~HostRun()
{
    if (m_process.state() != QProcess::NotRunning) {
        // Closing its input makes the host kill the run's process group and exit; give it a moment to clean
        // up (shared memory, zombies) before the hard way. Closing our end of its stdout unblocks it too.
        m_process.blockSignals(true);
        closeReader();
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(1000);
        }
    }
    closeReader();
    if (m_writeFd >= 0)
        ::close(m_writeFd);
}

void HostRun::start(const QString& hostPath, const QString& sceneId,
    const std::vector<std::pair<std::string, std::string>>& params, const HostOptions& options)
{
    m_hostPath = hostPath;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        m_failed = true;
        QTimer::singleShot(
            0, this, [this] { Q_EMIT failed(QStringLiteral("Could not create a pipe for the telemetry.")); });
        return;
    }
    m_readFd = fds[0];
    m_writeFd = fds[1];
    ::fcntl(m_readFd, F_SETFL, ::fcntl(m_readFd, F_GETFL) | O_NONBLOCK);
    m_notifier = new QSocketNotifier(static_cast<qintptr>(m_readFd), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] { readSome(READ_BUDGET); });

    QStringList args { QStringLiteral("serve"), sceneId, QStringLiteral("--timeout"), QStringLiteral("86400") };
    if (options.paused)
        args << QStringLiteral("--paused");
    if (!options.schedulePath.isEmpty())
        args << QStringLiteral("--schedule") << options.schedulePath;
    if (!options.recordSchedulePath.isEmpty())
        args << QStringLiteral("--record-schedule") << options.recordSchedulePath;
    for (const auto& [key, value] : params)
        args << QStringLiteral("--param")
             << QString::fromStdString(key) + QLatin1Char('=') + QString::fromStdString(value);
    m_process.setStandardOutputFile(QProcess::nullDevice());
    const int out = m_writeFd;
    m_process.setChildProcessModifier([out] { ::dup2(out, STDOUT_FILENO); }); // dup2 clears close-on-exec
    m_process.start(hostPath, args);
}

void HostRun::send(const std::string& line)
{
    if (m_process.state() == QProcess::Running)
        m_process.write(line.data(), static_cast<qint64>(line.size()));
    else if (m_process.state() == QProcess::Starting)
        m_unsent += line;
}

void HostRun::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    send("{\"cmd\":\"stop\"}\n");
    m_process.closeWriteChannel();
    if (m_notifier)
        m_notifier->setEnabled(true); // a host blocked on a full pipe must be able to finish
    QTimer::singleShot(4000, this, [this] {
        if (m_process.state() != QProcess::NotRunning)
            m_process.kill();
    });
}

void HostRun::takeEvents(std::deque<mp::telemetry::Event>& out, std::size_t max)
{
    for (std::size_t n = 0; n < max && !m_pending.empty(); ++n) {
        out.push_back(std::move(m_pending.front()));
        m_pending.pop_front();
    }
    if (m_notifier && !m_eof && !m_notifier->isEnabled() && m_pending.size() < LOW_WATER) {
        m_notifier->setEnabled(true);
        readSome(READ_BUDGET);
    }
}

void HostRun::readSome(std::size_t budget, bool all)
{
    if (m_readFd < 0 || m_failed)
        return;
    char buf[65536];
    const std::size_t before = m_pending.size();
    for (std::size_t done = 0; done < budget;) {
        const ssize_t n = ::read(m_readFd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break; // EAGAIN: nothing more for now
        if (n == 0) {
            m_eof = true;
            closeReader();
            break;
        }
        done += static_cast<std::size_t>(n);
        if (m_recording)
            m_recording->add(std::string_view(buf, static_cast<std::size_t>(n)));
        try {
            m_decoder.feed(std::string_view(buf, static_cast<std::size_t>(n)));
            while (auto e = m_decoder.next())
                m_pending.push_back(std::move(*e));
        } catch (const mp::telemetry::DecodeError& e) {
            m_failed = true;
            closeReader();
            Q_EMIT failed(
                QStringLiteral("The telemetry stream from mpstage-host is malformed (at byte %1): %2. The run "
                               "was stopped.")
                    .arg(e.offset())
                    .arg(QString::fromUtf8(e.what())));
            stop();
            return;
        }
        if (!all && m_pending.size() >= HIGH_WATER) {
            if (m_notifier)
                m_notifier->setEnabled(false); // the host will wait until the window has caught up
            break;
        }
    }
    if (m_pending.size() != before)
        Q_EMIT eventsReady();
}

void HostRun::closeReader()
{
    if (m_notifier) {
        m_notifier->setEnabled(false);
        m_notifier->deleteLater();
        m_notifier = nullptr;
    }
    if (m_readFd >= 0) {
        ::close(m_readFd);
        m_readFd = -1;
    }
}

void HostRun::onError(QProcess::ProcessError error)
{
    if (error == QProcess::FailedToStart) {
        m_failed = true;
        closeReader();
        Q_EMIT failed(
            QStringLiteral("Could not start the scene runner %1: %2.").arg(m_hostPath, m_process.errorString()));
    }
}

void HostRun::onFinished(int code, QProcess::ExitStatus status)
{
    // The writer has gone: what is left in the pipe is at most one pipe's worth. Read it to the end.
    while (m_readFd >= 0 && !m_failed) {
        const std::size_t before = m_decoder.offset();
        readSome(SIZE_MAX, true);
        if (m_decoder.offset() == before)
            break;
    }
    m_errors += m_process.readAllStandardError();
    if (m_failed)
        return;
    QString words;
    if (status == QProcess::CrashExit) {
        words = QStringLiteral("The scene runner (mpstage-host) died unexpectedly.") + errorTail(m_errors);
    } else if (code != 0) {
        words = QStringLiteral("The scene runner exited with status %1.").arg(code) + errorTail(m_errors);
    } else {
        try {
            m_decoder.finish();
        } catch (const mp::telemetry::DecodeError& e) {
            words = e.offset() == 0
                ? QStringLiteral("The scene runner ended without sending any telemetry.")
                : QStringLiteral("The telemetry stream ended in the middle of a frame (byte %1).").arg(e.offset());
        }
    }
    closeReader();
    Q_EMIT finished(words.isEmpty(), words);
}

} // namespace mpstage::app
