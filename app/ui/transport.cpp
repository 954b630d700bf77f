// SPDX-License-Identifier: MIT
#include "ui/transport.h"
#include "run/run_controller.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QToolBar>
#include <QWidget>

namespace mpstage::app {

Transport::Transport(RunController& controller, QWidget* window)
    : QObject(window)
    , m_controller(controller)
    , m_window(window)
    , m_bar(new QToolBar(QStringLiteral("Transport"), window))
    , m_speed(new QComboBox)
{
    m_bar->setObjectName(QStringLiteral("transport"));
    m_bar->setMovable(false);
    m_bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_run = action(
        QStringLiteral("▶  Run"), QStringLiteral("Run every process freely"), QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_pause = action(QStringLiteral("❚❚  Pause"), QStringLiteral("Stop every process at its next gate (Space)"), {});
    m_step = action(QStringLiteral("→  Step"),
        QStringLiteral("Let the process that has waited longest at a gate take one step (→)"),
        QKeySequence(Qt::Key_Right));
    m_stepActor = action(QStringLiteral("Step MainProcess"),
        QStringLiteral("Let the chosen process take one step (click a process to choose it, or press 1-9)"), {});
    m_micro = action(QStringLiteral("Micro-steps"),
        QStringLiteral("Stop at the internal steps of put() and value += 1 too (M)"), QKeySequence(Qt::Key_M));
    m_micro->setCheckable(true);
    m_restart
        = action(QStringLiteral("⟲  Restart"), QStringLiteral("Start the scene again (R)"), QKeySequence(Qt::Key_R));
    m_stop = action(
        QStringLiteral("■  Stop"), QStringLiteral("End the run: every process is killed (S)"), QKeySequence(Qt::Key_S));

    for (const auto& [label, value] :
        { std::pair { QStringLiteral("speed 1×"), 1.0 }, { QStringLiteral("speed ½×"), 0.5 },
            { QStringLiteral("speed ¼×"), 0.25 }, { QStringLiteral("speed ⅛×"), 0.125 } })
        m_speed->addItem(label, value);
    m_speed->setToolTip(QStringLiteral("Slow motion for the animation (the processes keep their own pace)"));
    m_speed->setFocusPolicy(Qt::NoFocus);

    m_bar->addAction(m_run);
    m_bar->addAction(m_pause);
    m_bar->addAction(m_step);
    m_bar->addAction(m_stepActor);
    m_bar->addAction(m_micro);
    m_bar->addWidget(m_speed);
    m_bar->addAction(m_restart);
    m_bar->addAction(m_stop);

    connect(m_run, &QAction::triggered, this, [this] {
        if (!m_controller.active())
            Q_EMIT aboutToStart();
        m_controller.run();
    });
    connect(m_pause, &QAction::triggered, &m_controller, &RunController::pause);
    connect(m_step, &QAction::triggered, this, [this] {
        if (!m_controller.active())
            Q_EMIT aboutToStart();
        m_controller.step();
    });
    connect(m_stepActor, &QAction::triggered, this, [this] {
        if (!m_controller.active())
            Q_EMIT aboutToStart();
        m_controller.stepActor(m_chosen);
    });
    connect(m_micro, &QAction::toggled, &m_controller, &RunController::setMicro);
    connect(m_restart, &QAction::triggered, this, [this] {
        Q_EMIT aboutToStart();
        m_controller.restart();
    });
    connect(m_stop, &QAction::triggered, &m_controller, &RunController::stop);
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT speedChanged(speed()); });

    auto* toggle = action(QStringLiteral("Pause or resume"), {}, QKeySequence(Qt::Key_Space));
    connect(toggle, &QAction::triggered, this, [this] {
        if (!m_controller.active())
            Q_EMIT aboutToStart();
        m_controller.togglePause();
    });
    m_window->addAction(toggle);
    for (int n = 1; n <= 9; ++n) {
        auto* key = action(QStringLiteral("Step process %1").arg(n), {}, QKeySequence(Qt::Key_0 + n));
        connect(key, &QAction::triggered, this, [this, n] {
            const mp::telemetry::ActorId actor { static_cast<std::uint32_t>(n) };
            Q_EMIT actorKey(actor);
            if (!m_controller.active())
                Q_EMIT aboutToStart();
            m_controller.stepActor(actor);
        });
        m_window->addAction(key);
    }
    connect(&m_controller, &RunController::phaseChanged, this, &Transport::refresh);
    refresh();
}

QAction* Transport::action(const QString& text, const QString& tip, const QKeySequence& key)
{
    auto* a = new QAction(text, this);
    a->setToolTip(tip);
    if (!key.isEmpty()) {
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
    }
    return a;
}

double Transport::speed() const
{
    return m_speed->currentData().toDouble();
}

void Transport::setChosenActor(mp::telemetry::ActorId actor, const QString& name)
{
    m_chosen = actor;
    m_stepActor->setText(QStringLiteral("Step ") + name);
}

void Transport::refresh()
{
    const RunPhase phase = m_controller.phase();
    const bool active = m_controller.active();
    m_run->setEnabled(phase != RunPhase::Running);
    m_run->setText(phase == RunPhase::Paused ? QStringLiteral("▶  Resume") : QStringLiteral("▶  Run"));
    m_pause->setEnabled(phase == RunPhase::Running);
    m_stop->setEnabled(active);
    m_restart->setEnabled(phase != RunPhase::Idle);
}

} // namespace mpstage::app
