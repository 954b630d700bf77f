// SPDX-License-Identifier: MIT
#pragma once
// The transport: starts a run of the chosen scene through mpstage-host, pauses, resumes and steps it, stops
// and restarts it, and pumps its events into a RunState once per frame (never once per event), so a scene
// streaming hundreds of thousands of events a second costs one stage update per frame. It also asks the hang
// analyser, on a timer, whether the run has stopped moving. Every failure is reported in words through
// message(); nothing throws into the event loop. The pieces it drives are classes of their own: a step
// waiting for a gate (StepRequest), the hang check (HangWatch), what is kept of the run for saving and the
// schedule files (RunKeeper); the host process and its stream are HostRun.

#include "model/run_record.h"
#include "model/run_state.h"
#include "replay/run_file.h"
#include "run/frame_stats.h"
#include "run/hang_watch.h"
#include "run/run_keeper.h"
#include "run/step_plan.h"
#include "run/step_request.h"

#include <mpstage/scene_info.h>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mpstage::app {

class HostRun;

enum class RunPhase { Idle, Running, Paused, Ended, Failed };
enum class MessageKind { None, Hint, Success, Unexpected, Hang, Error };

class RunController : public QObject {
    Q_OBJECT

public:
    explicit RunController(QObject* parent = nullptr);
    ~RunController() override;

    void setHostPath(const QString& path) { m_hostPath = path; }
    void setHostMissing(const QString& words) { m_hostMissing = words; } // what to say when there is no host
    // What the next Run starts. Refused (with a message) if a value is wrong for the scene.
    void setScene(const SceneInfo* scene, std::vector<std::pair<std::string, std::string>> params);
    const SceneInfo* scene() const { return m_scene; }

    void run();
    // Starts the scene again with real processes, giving the gate grants of `schedule` (the host's
    // --schedule format: one {"actor":NAME,"micro":BOOL} per line) in that order, so the same interleaving
    // happens again; the processes the schedule does not name run freely.
    void runSchedule(const std::string& schedule);
    // The gate grants of the last run that has finished (empty if it had none, or none has finished).
    const std::string& lastSchedule() const { return m_keeper.lastSchedule(); }
    // Starts the scene paused with micro-steps on and gives the grants of `schedule` one per step(): each
    // → lets the process the schedule names next take its step (StepPlan), so a found interleaving can be
    // shown step by step. Steps after the schedule's last are ordinary ones.
    void stepSchedule(const std::string& schedule);
    const StepPlan& plan() const { return m_plan; }
    // The gate grants this run has given on a step (by hand, or of a schedule stepped through).
    int stepsGiven() const { return m_stepsGiven; }
    // The grants of the explorer's bad schedule for the scene's goal (0: none found); goal mode says it.
    void setExplorerSteps(int steps) { m_explorerSteps = steps; }
    void pause();
    void togglePause();
    void step(); // the process that has waited longest at a gate takes one step
    void stepActor(mp::telemetry::ActorId actor);
    void setMicro(bool on);
    bool micro() const { return m_micro; }
    void restart();
    void stop();
    // Forgets the last run (a new scene was chosen).
    void clear();
    // Loads a saved run (at once, starting no process): its whole history is there to scrub and play back.
    void replay(replay::LoadedRun run);
    bool replaying() const { return m_replaying; }
    // The last run as it can be saved: its scene, parameters and telemetry bytes as the host sent them.
    // Empty if there is no run, or it was too long to keep (then `why` says so).
    std::optional<replay::RunFile> savedRun(QString* why = nullptr) const;

    RunPhase phase() const { return m_phase; }
    bool active() const { return m_phase == RunPhase::Running || m_phase == RunPhase::Paused; }
    // The live run: its state after every event so far.
    const RunState& state() const { return m_record->live(); }
    // The run so far, kept for scrubbing and the timeline.
    const RunRecord& record() const { return *m_record; }
    const std::vector<mp::telemetry::HangSentence>& hang() const { return m_hangWatch.sentences(); }
    MessageKind messageKind() const { return m_messageKind; }
    const QString& messageText() const { return m_messageText; }
    // Stop was asked for in this run, after stopAtEvent() events: what follows is the host killing the
    // processes, not the program.
    bool stopAsked() const { return m_stopAsked; }
    std::size_t stopAtEvent() const { return m_stopAtEvent; }
    const FrameStats& stats() const { return m_stats; }
    qint64 hostPid() const;
    // Decoded events not applied yet (in the host reader and here); bounded by HostRun::HIGH_WATER.
    std::size_t backlog() const;

Q_SIGNALS:
    void frame(); // the World moved: update the stage (at most once per frame)
    void phaseChanged();
    void messageChanged();
    void hangChanged();
    void runReset(); // a new run replaces the old one
    void ended(); // the run's last event has arrived (or the host failed)

private:
    bool start(const QString& schedulePath = {});
    void send(const std::string& line);
    void tick();
    void drain();
    void checkHang();
    void serveStep();
    void onFinished(bool clean, const QString& words);
    void fail(const QString& words);
    void setPhase(RunPhase phase);
    void setMessage(MessageKind kind, const QString& text);
    MessageKind outcomeKind() const; // what the message says about a run that has ended
    QString describeOutcome() const;
    // Goal mode: `words`, then whether a stepped run reached the scene's goal, and in how many steps.
    QString withGoal(const QString& words) const;
    void servePlannedStep();

    QString m_hostPath;
    QString m_hostMissing;
    const SceneInfo* m_scene = nullptr;
    std::vector<std::pair<std::string, std::string>> m_params;
    QPointer<HostRun> m_host;
    std::unique_ptr<RunRecord> m_record;
    RunPhase m_phase = RunPhase::Idle;
    bool m_paused = true;
    bool m_stopAsked = false;
    std::size_t m_stopAtEvent = 0;
    bool m_micro = false;
    StepRequest m_step;
    StepPlan m_plan;
    bool m_planAsked = false; // step() asked for the plan's next grant
    qint64 m_planAskedNs = 0;
    int m_stepsGiven = 0;
    int m_explorerSteps = 0;
    std::deque<mp::telemetry::Event> m_backlog;
    HangWatch m_hangWatch;
    MessageKind m_messageKind = MessageKind::None;
    QString m_messageText;
    QTimer m_frameTimer;
    QElapsedTimer m_clock;
    qint64 m_lastTickNs = 0;
    qint64 m_lastHangCheckNs = 0;
    qint64 m_lastFrameNs = 0;
    FrameStats m_stats;
    RunKeeper m_keeper;
    bool m_replaying = false;
};

} // namespace mpstage::app
