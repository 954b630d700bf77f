// SPDX-License-Identifier: MIT
#pragma once
// One run of mpstage-host, started with QProcess: telemetry comes in on its stdout and is decoded as it
// arrives (mp::telemetry::Decoder consumes only what has arrived), control lines go out on its stdin.
//
// The host's stdout is a pipe of our own rather than QProcess's channel, because QProcess reads everything
// a child writes into memory: a run streaming faster than the window can draw would grow without bound.
// Reading our own pipe, we stop reading while too many decoded events wait to be applied; the host then
// blocks on its write, and the run slows down to the window's pace (the back-pressure core/TELEMETRY.md
// describes), losing nothing.
//
// Failures become sentences through failed(): nothing here throws into the event loop (hotspot's
// PerfParser does the same with parsingFailed()).

#include <mp/telemetry/event.h>
#include <mp/telemetry/wire.h>

#include <QObject>
#include <QProcess>
#include <QString>

#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

class QSocketNotifier;

namespace mpstage::replay {
class Recording;
}

namespace mpstage::app {

struct HostOptions {
    bool paused = true; // every process waits at its first gate
    QString schedulePath; // replay these gate grants
    QString recordSchedulePath; // write the grants given to this file when the run ends
};

class HostRun : public QObject {
    Q_OBJECT

public:
    // Reading pauses with this many decoded events waiting, and resumes below the low mark.
    static constexpr std::size_t HIGH_WATER = 200'000;
    static constexpr std::size_t LOW_WATER = 50'000;

    explicit HostRun(QObject* parent = nullptr);
    ~HostRun() override;

    // Starts `HOST serve SCENE [--paused] [--schedule F] [--record-schedule F] --param k=v ...`.
    void start(const QString& hostPath, const QString& sceneId,
        const std::vector<std::pair<std::string, std::string>>& params, const HostOptions& options = {});
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    qint64 pid() const { return m_process.processId(); }
    void send(const std::string& line);
    // Every byte read from the host is also appended here (File > Save run… writes it as it came).
    void setRecording(std::shared_ptr<replay::Recording> recording) { m_recording = std::move(recording); }
    // Asks the host to stop the run, then closes its input; kills it if it has not gone after a while.
    void stop();

    // Up to `max` decoded events, in arrival order, appended to `out`.
    void takeEvents(std::deque<mp::telemetry::Event>& out, std::size_t max);
    std::size_t pendingEvents() const { return m_pending.size(); }
    std::uint64_t bytesRead() const { return m_decoder.offset(); }

Q_SIGNALS:
    void eventsReady();
    void failed(const QString& words);
    // The host has exited and its last events have been decoded. `clean`: it exited with status 0.
    void finished(bool clean, const QString& words);

private:
    // Reads and decodes up to `budget` bytes; stops early at HIGH_WATER decoded events unless `all`.
    void readSome(std::size_t budget, bool all = false);
    void closeReader();
    void onError(QProcess::ProcessError error);
    void onFinished(int code, QProcess::ExitStatus status);

    QProcess m_process;
    QString m_hostPath;
    int m_readFd = -1;
    int m_writeFd = -1; // the host's stdout, until it has started
    QSocketNotifier* m_notifier = nullptr;
    bool m_eof = false;
    mp::telemetry::Decoder m_decoder;
    std::deque<mp::telemetry::Event> m_pending;
    std::string m_unsent; // control lines given before the process had started
    QByteArray m_errors; // the tail of the host's stderr, for error messages
    bool m_failed = false;
    std::shared_ptr<replay::Recording> m_recording;
};

} // namespace mpstage::app
