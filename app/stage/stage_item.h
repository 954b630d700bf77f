// SPDX-License-Identifier: MIT
#pragma once
// What every box on the stage has: a rect in scene coordinates (items sit at 0,0 so the geometry structs
// work in scene coordinates) and a highlight for when the hang explanation names it.

#include <QGraphicsItem>

namespace mpstage::app {

enum StageItemType {
    ActorItemType = QGraphicsItem::UserType + 1,
    QueueItemType,
    TokenItemType,
    PipeItemType,
    ValueItemType,
    LockItemType,
    WiresItemType,
};

class StageItem : public QGraphicsItem {
public:
    QRectF rect() const { return m_rect; }
    void setRect(const QRectF& rect)
    {
        if (rect == m_rect)
            return;
        prepareGeometryChange();
        m_rect = rect;
        relayout();
    }
    bool highlighted() const { return m_highlighted; }
    void setHighlighted(bool on)
    {
        if (on != m_highlighted) {
            m_highlighted = on;
            update();
        }
    }
    QRectF boundingRect() const override { return m_rect.adjusted(-14, -14, 14, 14); }

protected:
    virtual void relayout() { }

private:
    QRectF m_rect;
    bool m_highlighted = false;
};

} // namespace mpstage::app
