// SPDX-License-Identifier: MIT
#pragma once
// "Find a schedule that …": runs `mpstage-host explore` on a scene as a child process, one preemption bound
// after another (0, then 1, … up to maxBound), so that each finished bound is progress the window can show
// (schedules tried, the outcomes so far) and the first bad schedule found is one with the fewest
// preemptions. It stops at the first bound that finds a bad outcome, and keeps that schedule's text. The
// schedule files live in a temporary folder of the job's own, removed with it. stop() sends SIGTERM, on
// which the explorer ends its run, stopping its processes, and reports; the UI never waits for it.

#include "model/explore_report.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <string>
#include <utility>
#include <vector>

namespace mpstage::app {

class ExploreJob : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Running, Found, NoneFound, Stopped, Failed };
    static constexpr int DEFAULT_BOUND = 2;
    static constexpr int MAX_RUNS = 1000; // per bound: --max-schedules

    explicit ExploreJob(QObject* parent = nullptr);
    ~ExploreJob() override; // stops a running explorer and waits for it to end

    // scene: an id or a FILE.py, as mpstage-host takes it.
    void start(const QString& hostPath, const QString& scene, std::vector<std::pair<std::string, std::string>> params,
        int maxBound = DEFAULT_BOUND);
    void stop();

    State state() const { return m_state; }
    bool running() const { return m_state == State::Running; }
    int bound() const { return m_bound; } // the bound being searched (or the last one searched)
    int maxBound() const { return m_maxBound; }
    // The report of the last bound that finished (read == false before the first).
    const ExploreReport& report() const { return m_report; }
    double seconds() const;
    qint64 pid() const { return m_process.processId(); }
    // The found bad schedule (Found): its text, and the words of its outcome.
    const std::string& schedule() const { return m_schedule; }
    const ExploreOutcome* found() const { return m_report.firstBad(); }
    // What went wrong (Failed): the explorer's own words.
    const QString& error() const { return m_error; }

Q_SIGNALS:
    void changed(); // a bound finished, or the job ended

private:
    void startBound();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void finish(State state);

    QProcess m_process;
    QString m_host;
    QString m_scene;
    std::vector<std::pair<std::string, std::string>> m_params;
    std::unique_ptr<QTemporaryDir> m_dir;
    State m_state = State::Idle;
    int m_bound = 0;
    int m_maxBound = DEFAULT_BOUND;
    bool m_stopAsked = false;
    ExploreReport m_report;
    std::string m_schedule;
    QString m_error;
    QElapsedTimer m_clock;
    qint64 m_endMs = -1;
};

} // namespace mpstage::app
