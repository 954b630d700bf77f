// SPDX-License-Identifier: MIT
#pragma once
// How a token travels: along a path of waypoints (a producer's buffer, the pipe, the consumer's tray) at
// constant speed along the path, eased at both ends. An item that went the whole way between two frames
// still visibly passes through the pipe. Slow motion stretches only this animation, never the run.

#include <QPointF>

#include <vector>

namespace mpstage::app {

qreal easeInOut(qreal t); // 0..1 -> 0..1, smooth at both ends

class TokenMotion {
public:
    TokenMotion() = default;
    TokenMotion(std::vector<QPointF> path, double startMs, double durationMs);
    // Stands still at p.
    static TokenMotion at(QPointF p);

    QPointF position(double nowMs) const;
    bool finished(double nowMs) const { return nowMs >= m_start + m_duration; }
    QPointF target() const { return m_path.empty() ? QPointF() : m_path.back(); }
    qreal length() const;

private:
    std::vector<QPointF> m_path;
    double m_start = 0;
    double m_duration = 0;
};

// The duration of a move at a playback speed (1 = normal, 0.25 = four times slower).
double moveDurationMs(double speed);

} // namespace mpstage::app
