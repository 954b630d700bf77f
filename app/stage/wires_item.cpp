// SPDX-License-Identifier: MIT
#include "stage/wires_item.h"
#include "look/theme.h"

#include <QPainter>

#include <cmath>

namespace mpstage::app {

QPainterPath wirePath(const Wire& w)
{
    QPainterPath path(w.from);
    const qreal dy = w.to.y() - w.from.y();
    const qreal bend = (dy >= 0 ? 1 : -1) * std::max<qreal>(28, std::abs(dy) * 0.55);
    path.cubicTo(w.from + QPointF(0, bend), w.to - QPointF(0, bend), w.to);
    return path;
}

WiresItem::WiresItem()
{
    setZValue(0);
}

void WiresItem::setWires(std::vector<Wire> wires)
{
    if (wires == m_wires)
        return;
    prepareGeometryChange();
    m_wires = std::move(wires);
    QRectF bounds;
    for (const Wire& w : m_wires)
        bounds = bounds.united(wirePath(w).boundingRect());
    m_bounds = bounds.adjusted(-16, -16, 16, 16);
    update();
}

void WiresItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    QPainter& p = *painter;
    p.setRenderHint(QPainter::Antialiasing);
    const Theme& t = theme();
    p.setBrush(Qt::NoBrush);
    // Closed wires first, so open ones are drawn over them.
    for (int pass = 0; pass < 3; ++pass) {
        for (const Wire& w : m_wires) {
            const int wanted = w.highlighted ? 2 : w.closed ? 0 : 1;
            if (wanted != pass)
                continue;
            const QPainterPath path = wirePath(w);
            if (w.highlighted) {
                QColor glow = t.bad;
                glow.setAlpha(70);
                p.setPen(QPen(glow, 14, Qt::SolidLine, Qt::RoundCap));
                p.drawPath(path);
                p.setPen(QPen(t.bad, 5, Qt::SolidLine, Qt::RoundCap));
            } else if (w.waited) {
                p.setPen(QPen(t.warn, 4, Qt::DashLine, Qt::RoundCap));
            } else if (w.closed) {
                p.setPen(QPen(t.closed, 2.5, Qt::DashLine, Qt::RoundCap));
            } else {
                p.setPen(QPen(w.colour, 3.5, Qt::SolidLine, Qt::RoundCap));
            }
            p.drawPath(path);
            p.setPen(Qt::NoPen);
            p.setBrush(w.closed ? t.closed : w.highlighted ? t.bad : w.waited ? t.warn : w.colour);
            p.drawEllipse(w.to, 5, 5);
            p.setBrush(Qt::NoBrush);
            if (w.closed) { // a cross in the middle: this process closed its copy
                const QPointF m = path.pointAtPercent(0.5);
                p.setPen(QPen(t.bad, 3.5, Qt::SolidLine, Qt::RoundCap));
                p.drawLine(m + QPointF(-8, -8), m + QPointF(8, 8));
                p.drawLine(m + QPointF(-8, 8), m + QPointF(8, -8));
            }
        }
    }
}

} // namespace mpstage::app
