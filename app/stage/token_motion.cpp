// SPDX-License-Identifier: MIT
#include "stage/token_motion.h"

#include <QLineF>

#include <algorithm>

namespace mpstage::app {

qreal easeInOut(qreal t)
{
    t = std::clamp<qreal>(t, 0, 1);
    return t * t * (3 - 2 * t);
}

TokenMotion::TokenMotion(std::vector<QPointF> path, double startMs, double durationMs)
    : m_path(std::move(path))
    , m_start(startMs)
    , m_duration(std::max(0.0, durationMs))
{
}

TokenMotion TokenMotion::at(QPointF p)
{
    return TokenMotion({ p }, 0, 0);
}

qreal TokenMotion::length() const
{
    qreal total = 0;
    for (std::size_t i = 1; i < m_path.size(); ++i)
        total += QLineF(m_path[i - 1], m_path[i]).length();
    return total;
}

QPointF TokenMotion::position(double nowMs) const
{
    if (m_path.empty())
        return {};
    if (m_duration <= 0 || m_path.size() == 1)
        return m_path.back();
    const qreal total = length();
    if (total <= 0)
        return m_path.back();
    qreal remaining = easeInOut(static_cast<qreal>((nowMs - m_start) / m_duration)) * total;
    for (std::size_t i = 1; i < m_path.size(); ++i) {
        const QLineF leg(m_path[i - 1], m_path[i]);
        if (remaining <= leg.length())
            return leg.length() > 0 ? leg.pointAt(remaining / leg.length()) : m_path[i];
        remaining -= leg.length();
    }
    return m_path.back();
}

double moveDurationMs(double speed)
{
    constexpr double NORMAL_MS = 450;
    return NORMAL_MS / std::clamp(speed, 0.05, 4.0);
}

} // namespace mpstage::app
