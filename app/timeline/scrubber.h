// SPDX-License-Identifier: MIT
#pragma once
// Looking back at a run: puts the stage at any event of the run's history (the World after the first k
// events, from the nearest snapshot), steps one event back or forward, and plays the run back from there at
// a chosen multiple of its recorded pace. While it looks back, a live run goes on being recorded; "live"
// returns to it. It reads the RunController's record and changes nothing in it.

#include "model/run_state.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace mpstage::app {

class RunController;

class Scrubber : public QObject {
    Q_OBJECT

public:
    explicit Scrubber(const RunController& controller, QObject* parent = nullptr);

    // What the stage shows: the state after cursor() events when looking back, else the live run (as it was
    // at Stop, once Stop was pressed).
    const RunState& shown() const;
    bool looking() const { return m_view.has_value(); }
    // Events shown (when looking back), or every kept event (live).
    std::size_t cursor() const;
    std::size_t total() const;
    // The instant shown, in ns since the run's first event.
    std::uint64_t cursorTime() const;

    void scrubTo(std::size_t k);
    void scrubToTime(std::uint64_t ns);
    void stepEvent(int delta); // one event back (-1) or forward (+1)
    void toStart();
    void goLive();

    // Plays the run back from the cursor (from the start if live) at speed() × its recorded pace.
    void play();
    void stopPlaying();
    void togglePlay();
    bool playing() const { return m_timer.isActive(); }
    void setSpeed(double speed);
    double speed() const { return m_speed; }

    // A new run replaces the old one: back to live.
    void reset();

Q_SIGNALS:
    void moved(); // the cursor or the live/looking state changed: redraw

private:
    void show(std::size_t k);
    void tick();

    const RunController& m_controller;
    std::optional<RunState> m_view;
    mutable std::optional<RunState> m_stopped; // the live run as it was at Stop
    std::size_t m_k = 0;
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_playNs = 0; // the playback's position in recorded time
    qint64 m_lastTick = 0;
    double m_speed = 1.0;
};

} // namespace mpstage::app
