// SPDX-License-Identifier: MIT
#pragma once
// One item on its way through a queue or a pipe: a pill in its producer's colour with its repr, or, for the
// None sentinel, a red stop sign that cannot be mistaken for data. Delivered items get a ring in the
// colour of the process that got them. Tokens are pooled by their owner and moved, never made per event.

#include "stage/stage_item.h"
#include "stage/token_motion.h"

#include <QColor>
#include <QString>

namespace mpstage::app {

struct TokenLook {
    QString text;
    QColor fill;
    QColor ring; // invalid: none
    bool sentinel = false;
    bool dashed = false; // put() has not reached the buffer yet
    qreal width = 36;
    friend bool operator==(const TokenLook&, const TokenLook&) = default;
};

class TokenItem : public QGraphicsItem {
public:
    enum { Type = TokenItemType };
    explicit TokenItem(QGraphicsItem* parent = nullptr);
    int type() const override { return Type; }

    void setLook(const TokenLook& look);
    const TokenLook& look() const { return m_look; }
    // Sends the token along a path (from where it is now) unless it is already heading there.
    void moveTo(std::vector<QPointF> via, QPointF target, double nowMs, double durationMs);
    void placeAt(QPointF p);
    QPointF target() const { return m_motion.target(); }
    // Advances the animation; true while it is still moving.
    bool advanceTo(double nowMs);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    bool seen = false; // bookkeeping for the owner's pool
    int section = -1; // which part of its object it is in (the owner's numbering)

private:
    TokenLook m_look;
    TokenMotion m_motion;
    bool m_moving = false;
};

} // namespace mpstage::app
