// SPDX-License-Identifier: MIT
#include "ui/screenshot.h"
#include "run/run_controller.h"
#include "ui/explore_panel.h"
#include "ui/main_window.h"
#include "ui/transport.h"

#include <QAction>
#include <QPainter>
#include <QPixmap>

#include <cstdio>
#include <memory>

namespace mpstage::app {

namespace {
constexpr int SETTLE_MS = 1500; // tokens finish moving, the hang clock shows a few seconds
constexpr int TIMEOUT_MS = 90'000;
} // namespace

Screenshot::Screenshot(MainWindow& window, QString file, bool atEnd, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_file(std::move(file))
    , m_atEnd(atEnd)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        std::fprintf(stderr, "mpstage: the run neither ended nor hung in %d s; taking the screenshot anyway\n",
            TIMEOUT_MS / 1000);
        take(3);
    });
}

void Screenshot::start()
{
    if (m_explore) {
        m_timeout.start(TIMEOUT_MS);
        m_window.findSchedule();
        ExplorePanel* panel = m_window.explorePanel();
        if (!panel || !panel->job().running()) {
            explored();
            return;
        }
        connect(&panel->job(), &ExploreJob::changed, this, [this, panel] {
            if (!panel->job().running())
                explored();
        });
        return;
    }
    if (m_steps > 0) {
        m_timeout.start(TIMEOUT_MS);
        nextStep();
        return;
    }
    if (!m_atEnd) {
        QTimer::singleShot(300, this, [this] { take(0); });
        return;
    }
    RunController& c = m_window.controller();
    connect(&c, &RunController::ended, this, &Screenshot::settle);
    connect(&c, &RunController::hangChanged, this, [this, &c] {
        if (!c.hang().empty())
            settle();
    });
    m_timeout.start(TIMEOUT_MS);
    m_window.transport().runAction()->trigger();
    if (c.phase() == RunPhase::Failed || c.phase() == RunPhase::Idle)
        settle(); // it could not even start: show why
}

// One step at a time: the next is asked for once the last has shown up in the World (or after a while, if
// it was banked by a process that is blocked).
void Screenshot::nextStep()
{
    RunController& c = m_window.controller();
    if (m_steps == 0 || c.phase() == RunPhase::Ended || c.phase() == RunPhase::Failed) {
        settle();
        return;
    }
    m_seen = c.state().world().eventCount();
    if (!m_stepActors.empty()) {
        const std::size_t taken = m_stepActors.size() - static_cast<std::size_t>(m_steps);
        if (taken == 0 && c.phase() == RunPhase::Idle)
            m_window.transport().stepAction()->trigger(); // starts the run paused (MainProcess's first gate)
        else
            c.stepActor(mp::telemetry::ActorId { static_cast<std::uint32_t>(m_stepActors[taken]) });
    } else {
        m_window.transport().stepAction()->trigger();
    }
    --m_steps;
    auto* poll = new QTimer(this);
    poll->start(20);
    auto waited = std::make_shared<int>(0);
    connect(poll, &QTimer::timeout, this, [this, poll, waited] {
        const auto& world = m_window.controller().state().world();
        bool settled = world.eventCount() > m_seen;
        for (const auto* a : world.actors())
            settled = settled && a->status != mp::telemetry::ActorStatus::Running;
        if (settled || ++*waited > 100) {
            poll->deleteLater();
            QTimer::singleShot(60, this, &Screenshot::nextStep);
        }
    });
}

void Screenshot::explored()
{
    ExplorePanel* panel = m_window.explorePanel();
    if (m_steps > 0 && panel && panel->job().state() == ExploreJob::State::Found) {
        panel->replayFound(); // the run starts paused with the schedule loaded; each step gives its next grant
        QTimer::singleShot(300, this, &Screenshot::nextStep);
        return;
    }
    settle();
}

void Screenshot::settle()
{
    if (m_settling)
        return;
    m_settling = true;
    const int status = m_window.controller().phase() == RunPhase::Failed ? 1 : 0;
    QTimer::singleShot(SETTLE_MS, this, [this, status] { take(status); });
}

void Screenshot::take(int status)
{
    m_timeout.stop();
    QPixmap shot = m_window.grab();
    if (ExplorePanel* panel = m_window.explorePanel(); panel && panel->isVisible()) {
        // the explorer's window where it opens: centred over the main one
        const QPixmap over = panel->grab();
        QPainter painter(&shot);
        const QRect at(QPoint((shot.width() - over.width()) / 2, (shot.height() - over.height()) / 3), over.size());
        painter.fillRect(at.translated(4, 4), QColor(0, 0, 0, 60)); // its shadow
        painter.drawPixmap(at.topLeft(), over);
        painter.setPen(QPen(panel->palette().color(QPalette::Mid), 1));
        painter.drawRect(at.adjusted(0, 0, -1, -1)); // the window manager's frame is not in an offscreen grab
    }
    if (!shot.save(m_file, "PNG")) {
        std::fprintf(stderr, "mpstage: could not write %s\n", qPrintable(m_file));
        status = 2;
    }
    Q_EMIT done(status);
}

} // namespace mpstage::app
