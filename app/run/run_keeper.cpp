// SPDX-License-Identifier: MIT
#include "run/run_keeper.h"

#include <QFile>

namespace mpstage::app {

std::shared_ptr<replay::Recording> RunKeeper::beginLive(const std::string& scene, const Params& params)
{
    m_recording = std::make_shared<replay::Recording>();
    m_scene = scene;
    m_params = params;
    return m_recording;
}

void RunKeeper::beginReplay(const replay::LoadedRun& run)
{
    m_recording = std::make_shared<replay::Recording>();
    m_recording->add(run.stream);
    m_scene = run.scene;
    m_params = run.params;
}

std::optional<replay::RunFile> RunKeeper::savedRun(QString* why) const
{
    if (!m_recording || m_recording->bytes().empty()) {
        if (why)
            *why = QStringLiteral("There is no run to save yet: run the scene first.");
        return std::nullopt;
    }
    if (m_recording->overflowed()) {
        if (why)
            *why = QStringLiteral("This run streamed more than %1 MB of telemetry, too much to keep for saving.")
                       .arg(replay::Recording::LIMIT >> 20);
        return std::nullopt;
    }
    return replay::RunFile { m_scene, m_params, m_recording->bytes() };
}

QString RunKeeper::nextGrantsPath()
{
    if (m_scratch.isValid())
        m_grantsPath = m_scratch.filePath(QStringLiteral("grants-%1.jsonl").arg(++m_runNumber));
    return m_scratch.isValid() ? m_grantsPath : QString();
}

QString RunKeeper::writeSchedule(const std::string& schedule, QString* error) const
{
    if (!m_scratch.isValid()) {
        *error = QStringLiteral("Cannot write the schedule: no temporary folder.");
        return {};
    }
    QString path = m_scratch.filePath(QStringLiteral("schedule-%1.jsonl").arg(m_runNumber + 1));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(schedule.data(), static_cast<qint64>(schedule.size())) != static_cast<qint64>(schedule.size())) {
        *error = QStringLiteral("Cannot write the schedule to ") + path;
        return {};
    }
    return path;
}

void RunKeeper::readGrants()
{
    if (m_grantsPath.isEmpty())
        return;
    QFile grants(m_grantsPath);
    m_lastSchedule = grants.open(QIODevice::ReadOnly) ? grants.readAll().toStdString() : std::string {};
}

} // namespace mpstage::app
