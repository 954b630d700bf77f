// SPDX-License-Identifier: MIT
#pragma once
// The transport bar and its keys: Run, Pause, Step (the process that has waited longest at a gate), Step
// this process (the one clicked on the stage, or keys 1-9), micro-steps, slow motion (which stretches the
// animation only: the processes keep their own pace), Restart and Stop. Space pauses and resumes, the right
// arrow steps, R restarts.

#include <mp/telemetry/ids.h>

#include <QObject>

class QAction;
class QComboBox;
class QToolBar;
class QWidget;

namespace mpstage::app {

class RunController;

class Transport : public QObject {
    Q_OBJECT

public:
    Transport(RunController& controller, QWidget* window);

    QToolBar* toolBar() const { return m_bar; }
    void setChosenActor(mp::telemetry::ActorId actor, const QString& name);
    mp::telemetry::ActorId chosenActor() const { return m_chosen; }
    double speed() const;
    void refresh(); // enables what makes sense in the current phase

    QAction* runAction() const { return m_run; }
    QAction* pauseAction() const { return m_pause; }
    QAction* stepAction() const { return m_step; }
    QAction* stepActorAction() const { return m_stepActor; }
    QAction* microAction() const { return m_micro; }
    QAction* restartAction() const { return m_restart; }
    QAction* stopAction() const { return m_stop; }

Q_SIGNALS:
    void speedChanged(double speed);
    void aboutToStart(); // Run, Step or Restart may start a new run: take the form's parameters now
    void actorKey(mp::telemetry::ActorId actor); // keys 1-9

private:
    QAction* action(const QString& text, const QString& tip, const QKeySequence& key);

    RunController& m_controller;
    QWidget* m_window;
    QToolBar* m_bar;
    QComboBox* m_speed;
    mp::telemetry::ActorId m_chosen { 1 };
    QAction* m_run;
    QAction* m_pause;
    QAction* m_step;
    QAction* m_stepActor;
    QAction* m_micro;
    QAction* m_restart;
    QAction* m_stop;
};

} // namespace mpstage::app
