// SPDX-License-Identifier: MIT
#pragma once
// What is kept of the last run to save it or replay it: its scene, its parameters and the telemetry bytes
// as the host sent them (replay::Recording), and the files the host reads and writes for schedules (the
// gate grants it recorded, a schedule to replay), in a temporary folder of their own.

#include "replay/run_file.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mpstage::app {

using Params = std::vector<std::pair<std::string, std::string>>;

class RunKeeper {
public:
    // A new live run of `scene`: returns the recording its host writes into.
    std::shared_ptr<replay::Recording> beginLive(const std::string& scene, const Params& params);
    // A saved run loaded again.
    void beginReplay(const replay::LoadedRun& run);
    void clear() { m_recording.reset(); }
    // The last run as it can be saved; empty if there is none or it was too long to keep (`why` says so).
    std::optional<replay::RunFile> savedRun(QString* why) const;

    // Where the next live run's host records its grants (empty without a temporary folder).
    QString nextGrantsPath();
    // Writes a schedule for the next run; its path, or empty with `error` set.
    QString writeSchedule(const std::string& schedule, QString* error) const;
    // Reads what the last live run's host recorded (lastSchedule()).
    void readGrants();
    const std::string& lastSchedule() const { return m_lastSchedule; }

private:
    std::shared_ptr<replay::Recording> m_recording;
    std::string m_scene;
    Params m_params;
    QTemporaryDir m_scratch; // schedules written and read by the host
    int m_runNumber = 0;
    QString m_grantsPath; // where the live run's host writes its grants
    std::string m_lastSchedule;
};

} // namespace mpstage::app
