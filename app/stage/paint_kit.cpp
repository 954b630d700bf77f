// SPDX-License-Identifier: MIT
#include "stage/paint_kit.h"
#include "look/theme.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace mpstage::app {

void drawHighlightGlow(QPainter& p, const QRectF& r, qreal radius)
{
    QColor glow = theme().bad;
    for (int i = 3; i >= 1; --i) {
        glow.setAlpha(40 + 30 * (3 - i));
        p.setPen(QPen(glow, 4.0 * i));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(r, radius, radius);
    }
}

void drawPanel(QPainter& p, const QRectF& r, const QColor& fill, const QColor& border, qreal borderWidth,
    bool highlighted, qreal radius)
{
    if (highlighted)
        drawHighlightGlow(p, r, radius);
    p.setPen(QPen(highlighted ? theme().bad : border, highlighted ? 3.5 : borderWidth));
    p.setBrush(fill);
    p.drawRoundedRect(r, radius, radius);
}

qreal drawLine(QPainter& p, const QRectF& r, const QString& text, const QFont& font, const QColor& colour,
    Qt::Alignment align, bool strikeOut)
{
    QFont f = font;
    f.setStrikeOut(strikeOut);
    const QFontMetricsF metrics(f);
    const QString shown = metrics.elidedText(text, Qt::ElideRight, r.width());
    p.setFont(f);
    p.setPen(colour);
    p.drawText(r, static_cast<int>(align) | Qt::TextSingleLine, shown);
    return metrics.horizontalAdvance(shown);
}

void drawPadlock(QPainter& p, const QRectF& r, const QColor& colour, bool locked)
{
    const qreal w = r.width();
    const QRectF body(r.left(), r.top() + r.height() * 0.42, w, r.height() * 0.58);
    const qreal shackleW = w * 0.62;
    QRectF shackle(r.center().x() - shackleW / 2, r.top(), shackleW, r.height() * 0.7);
    if (!locked)
        shackle.translate(w * 0.28, -r.height() * 0.12);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(colour, w * 0.14, Qt::SolidLine, Qt::RoundCap));
    p.drawArc(shackle, 0, 180 * 16);
    p.drawLine(QPointF(shackle.left(), shackle.center().y()), QPointF(shackle.left(), body.top()));
    if (locked)
        p.drawLine(QPointF(shackle.right(), shackle.center().y()), QPointF(shackle.right(), body.top()));
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRoundedRect(body, 4, 4);
}

qreal textWidth(const QFont& font, const QString& text)
{
    return QFontMetricsF(font).horizontalAdvance(text);
}

} // namespace mpstage::app
