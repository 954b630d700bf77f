// SPDX-License-Identifier: MIT
#pragma once
// The few drawing moves every stage item shares: a rounded panel (with the red glow of a hang highlight),
// a line of text that is elided rather than clipped, a padlock, a "+N more" tag.

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>

class QPainter;

namespace mpstage::app {

void drawPanel(QPainter& p, const QRectF& r, const QColor& fill, const QColor& border, qreal borderWidth = 2,
    bool highlighted = false, qreal radius = 10);
// Draws text in r, elided on the right if too long. Returns the width used.
qreal drawLine(QPainter& p, const QRectF& r, const QString& text, const QFont& font, const QColor& colour,
    Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter, bool strikeOut = false);
void drawPadlock(QPainter& p, const QRectF& r, const QColor& colour, bool locked);
void drawHighlightGlow(QPainter& p, const QRectF& r, qreal radius);
qreal textWidth(const QFont& font, const QString& text);

} // namespace mpstage::app
