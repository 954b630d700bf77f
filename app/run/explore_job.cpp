// SPDX-License-Identifier: MIT
#include "run/explore_job.h"

#include <QFile>

namespace mpstage::app {

ExploreJob::ExploreJob(QObject* parent)
    : QObject(parent)
{
    connect(&m_process, &QProcess::finished, this, &ExploreJob::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            m_error = QStringLiteral("Could not start %1: %2.").arg(m_host, m_process.errorString());
            finish(State::Failed);
        }
    });
}

ExploreJob::~ExploreJob()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.disconnect(this);
        m_process.terminate(); // it ends the run it is in, stopping its processes, and exits
        if (!m_process.waitForFinished(15000))
            m_process.kill();
        m_process.waitForFinished(2000);
    }
}

double ExploreJob::seconds() const
{
    if (!m_clock.isValid())
        return 0;
    return static_cast<double>(m_endMs >= 0 ? m_endMs : m_clock.elapsed()) / 1000.0;
}

void ExploreJob::start(const QString& hostPath, const QString& scene,
    std::vector<std::pair<std::string, std::string>> params, int maxBound)
{
    if (running())
        return;
    m_host = hostPath;
    m_scene = scene;
    m_params = std::move(params);
    m_maxBound = maxBound;
    m_bound = 0;
    m_stopAsked = false;
    m_report = {};
    m_schedule.clear();
    m_error.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_clock.start();
    m_endMs = -1;
    m_state = State::Running;
    if (m_host.isEmpty() || !m_dir->isValid()) {
        m_error = m_host.isEmpty() ? QStringLiteral("Cannot find mpstage-host, the program that explores the scenes.")
                                   : QStringLiteral("Could not make a folder for the schedules found.");
        finish(State::Failed);
        return;
    }
    startBound();
    Q_EMIT changed();
}

void ExploreJob::startBound()
{
    QStringList args { QStringLiteral("explore"), m_scene, QStringLiteral("--bound"), QString::number(m_bound),
        QStringLiteral("--max-schedules"), QString::number(MAX_RUNS), QStringLiteral("--save"), m_dir->path() };
    for (const auto& [key, value] : m_params)
        args << QStringLiteral("--param")
             << QString::fromStdString(key) + QLatin1Char('=') + QString::fromStdString(value);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.start(m_host, args);
}

void ExploreJob::stop()
{
    if (!running())
        return;
    m_stopAsked = true;
    if (m_process.state() != QProcess::NotRunning)
        m_process.terminate(); // onFinished reads the report it prints on the way out
}

void ExploreJob::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!running())
        return;
    const std::string out = m_process.readAllStandardOutput().toStdString();
    const QString err = QString::fromUtf8(m_process.readAllStandardError()).trimmed();
    ExploreReport report = readExploreReport(out);
    if (status != QProcess::NormalExit || exitCode > 1 || !report.read) {
        if (m_stopAsked) {
            finish(State::Stopped);
            return;
        }
        m_error = err.isEmpty()
            ? QStringLiteral("mpstage-host explore ended without a report (exit status %1).").arg(exitCode)
            : err;
        finish(State::Failed);
        return;
    }
    const int before = m_report.tried;
    m_report = std::move(report);
    if (const ExploreOutcome* bad = m_report.firstBad()) {
        QFile file(QString::fromStdString(bad->file));
        if (!file.open(QIODevice::ReadOnly)) {
            m_error = QStringLiteral("The explorer found a bad schedule but its file %1 cannot be read.")
                          .arg(file.fileName());
            finish(State::Failed);
            return;
        }
        m_schedule = file.readAll().toStdString();
        finish(State::Found);
        return;
    }
    if (m_stopAsked || m_report.stopped) {
        finish(State::Stopped);
        return;
    }
    // Done when the last bound is searched, the budget ran out, or a bound added no schedule (none has more
    // preemptions than the one before).
    if (m_bound >= m_maxBound || !m_report.complete || (m_bound > 0 && m_report.tried == before)) {
        finish(State::NoneFound);
        return;
    }
    ++m_bound;
    startBound();
    Q_EMIT changed();
}

void ExploreJob::finish(State state)
{
    m_state = state;
    m_endMs = m_clock.elapsed();
    Q_EMIT changed();
}

} // namespace mpstage::app
