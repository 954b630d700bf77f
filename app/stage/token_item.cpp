// SPDX-License-Identifier: MIT
#include "stage/token_item.h"
#include "look/theme.h"
#include "stage/object_geometry.h"
#include "stage/paint_kit.h"

#include <QPainter>
#include <QPolygonF>

#include <cmath>
#include <numbers>

namespace mpstage::app {

TokenItem::TokenItem(QGraphicsItem* parent)
    : QGraphicsItem(parent)
{
    setZValue(5);
}

void TokenItem::setLook(const TokenLook& look)
{
    if (look == m_look)
        return;
    prepareGeometryChange();
    m_look = look;
}

void TokenItem::placeAt(QPointF p)
{
    m_motion = TokenMotion::at(p);
    m_moving = false;
    setPos(p);
}

void TokenItem::moveTo(std::vector<QPointF> via, QPointF target, double nowMs, double durationMs)
{
    if (m_motion.target() == target && (m_moving || pos() == target))
        return;
    std::vector<QPointF> path { pos() };
    path.insert(path.end(), via.begin(), via.end());
    path.push_back(target);
    m_motion = TokenMotion(std::move(path), nowMs, durationMs);
    m_moving = true;
}

bool TokenItem::advanceTo(double nowMs)
{
    if (!m_moving)
        return false;
    setPos(m_motion.position(nowMs));
    m_moving = !m_motion.finished(nowMs);
    return m_moving;
}

QRectF TokenItem::boundingRect() const
{
    const qreal w = m_look.width / 2 + 8;
    const qreal h = std::max(TOKEN_HEIGHT / 2, m_look.sentinel ? m_look.width / 2 : 0.0) + 8;
    return { -w, -h, 2 * w, 2 * h };
}

void TokenItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    QPainter& p = *painter;
    p.setRenderHint(QPainter::Antialiasing);
    const Theme& t = theme();
    static const QFont font = stageFont(17, true);
    static const QFont sentinelFont = stageFont(14, true); // "None" inside the stop sign, which a tray slot holds
    const qreal h = TOKEN_HEIGHT;
    if (m_look.sentinel) {
        // A stop sign: an octagon, white rim, "None".
        QPolygonF octagon;
        const qreal r = m_look.width / 2;
        for (int i = 0; i < 8; ++i) {
            const double a = (22.5 + 45.0 * i) * std::numbers::pi / 180.0;
            octagon << QPointF(r * std::cos(a), r * std::sin(a));
        }
        p.setPen(QPen(m_look.ring.isValid() ? m_look.ring : QColor(0xFFFFFF), m_look.ring.isValid() ? 4 : 2));
        p.setBrush(t.sentinel);
        p.drawPolygon(octagon);
        drawLine(
            p, QRectF(-r, -r, 2 * r, 2 * r), QStringLiteral("None"), sentinelFont, QColor(0xFFFFFF), Qt::AlignCenter);
        return;
    }
    const QRectF body(-m_look.width / 2, -h / 2, m_look.width, h);
    if (m_look.ring.isValid()) {
        p.setPen(QPen(m_look.ring, 4));
    } else {
        p.setPen(QPen(t.dark ? QColor(0x0B0E13) : QColor(0xFFFFFF), 2, m_look.dashed ? Qt::DashLine : Qt::SolidLine));
    }
    QColor fill = m_look.fill;
    if (m_look.dashed)
        fill.setAlpha(110);
    p.setBrush(fill);
    p.drawRoundedRect(body, h / 2, h / 2);
    drawLine(p, body.adjusted(6, 0, -6, 0), m_look.text, font, t.dark ? QColor(0x0B0E13) : QColor(0xFFFFFF),
        Qt::AlignCenter);
}

} // namespace mpstage::app
