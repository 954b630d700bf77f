// SPDX-License-Identifier: MIT
#pragma once
// What every box on the stage has: a rect in scene coordinates (items sit at 0,0 so the geometry structs
// work in scene coordinates), a highlight for when the hang explanation names it, and the two calls the
// stage makes on each of them: sync() once per frame to catch up with the run, advance() on every animation
// tick while tokens move.

#include "stage/sync_context.h"

#include <QGraphicsItem>

namespace mpstage::app {

enum StageItemType {
    ActorItemType = QGraphicsItem::UserType + 1,
    ObjectItemType,
    TokenItemType,
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

    // Catches up with the run (repaints only when what it shows changed).
    virtual void sync(const SyncContext& context) { (void)context; }
    // Moves what is in flight to where it is at nowMs (the animation clock); true while something moves.
    // (QGraphicsItem's own advance(int phase), for QGraphicsScene::advance(), is not used on the stage.)
    using QGraphicsItem::advance;
    virtual bool advance(double nowMs)
    {
        (void)nowMs;
        return false;
    }

protected:
    virtual void relayout() { }

private:
    QRectF m_rect;
    bool m_highlighted = false;
};

} // namespace mpstage::app
