// SPDX-License-Identifier: MIT
#include "timeline/scrubber.h"
#include "run/run_controller.h"

#include <algorithm>

namespace mpstage::app {

namespace {
constexpr int PLAY_INTERVAL_MS = 16;
}

Scrubber::Scrubber(const RunController& controller, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
{
    m_timer.setInterval(PLAY_INTERVAL_MS);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Scrubber::tick);
    m_clock.start();
}

const RunState& Scrubber::shown() const
{
    if (m_view)
        return *m_view;
    if (!m_controller.stopAsked())
        return m_controller.state();
    // A stopped run is shown as it was when Stop was pressed: the kills that follow would redraw every pipe as
    // closed everywhere, and the banner says it was stopped. The timeline still holds them.
    if (!m_stopped)
        m_stopped = m_controller.record().history.stateAt(m_controller.stopAtEvent());
    return *m_stopped;
}

std::size_t Scrubber::total() const
{
    return m_controller.record().history.size();
}

std::size_t Scrubber::cursor() const
{
    return m_view ? m_k : total();
}

std::uint64_t Scrubber::cursorTime() const
{
    const auto& lanes = m_controller.record().lanes;
    if (!m_view)
        return lanes.duration();
    return m_k == 0 ? 0 : lanes.timeOf(std::min(m_k, lanes.eventCount()) - 1);
}

void Scrubber::show(std::size_t k)
{
    const auto& history = m_controller.record().history;
    k = std::min(k, history.size());
    // Forward by a little: apply the events in between; anything else: from the nearest snapshot.
    if (m_view && k >= m_k && k - m_k <= 2 * history.snapshotInterval()) {
        for (std::size_t i = m_k; i < k; ++i)
            m_view->apply(history.event(i));
    } else {
        m_view = history.stateAt(k);
    }
    m_k = k;
    Q_EMIT moved();
}

void Scrubber::scrubTo(std::size_t k)
{
    show(k);
}

void Scrubber::scrubToTime(std::uint64_t ns)
{
    show(m_controller.record().lanes.eventsUntil(ns));
}

void Scrubber::stepEvent(int delta)
{
    const std::size_t k = cursor();
    if (delta < 0)
        show(k > static_cast<std::size_t>(-delta) ? k + static_cast<std::size_t>(delta) : 0);
    else
        show(k + static_cast<std::size_t>(delta));
}

void Scrubber::toStart()
{
    show(0);
}

void Scrubber::goLive()
{
    m_timer.stop();
    if (!m_view)
        return;
    m_view.reset();
    Q_EMIT moved();
}

void Scrubber::play()
{
    if (total() == 0)
        return;
    if (!m_view || m_k >= total())
        show(0);
    m_playNs = static_cast<double>(cursorTime());
    m_lastTick = m_clock.nsecsElapsed();
    m_timer.start();
    Q_EMIT moved();
}

void Scrubber::stopPlaying()
{
    if (!m_timer.isActive())
        return;
    m_timer.stop();
    Q_EMIT moved();
}

void Scrubber::togglePlay()
{
    if (playing())
        stopPlaying();
    else
        play();
}

void Scrubber::setSpeed(double speed)
{
    m_speed = std::clamp(speed, 0.01, 100.0);
}

void Scrubber::reset()
{
    m_timer.stop();
    m_view.reset();
    m_stopped.reset();
    m_k = 0;
    Q_EMIT moved();
}

void Scrubber::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    m_playNs += static_cast<double>(now - m_lastTick) * m_speed;
    m_lastTick = now;
    const auto& lanes = m_controller.record().lanes;
    const std::size_t k = lanes.eventsUntil(static_cast<std::uint64_t>(m_playNs));
    if (k >= total()) {
        // The end of what is recorded: a live run goes on live; a finished one stays at its last event.
        m_timer.stop();
        if (m_controller.active())
            goLive();
        else
            show(total());
        return;
    }
    if (k != m_k)
        show(k);
}

} // namespace mpstage::app
