// SPDX-License-Identifier: MIT
#pragma once
// Every wire on the stage in one item: from the handle chip of each process that holds an end of a pipe or
// queue to that end. A wire is solid in the process's colour while the end is open in it, grey and dashed
// with a cross once that process has closed its copy, and red when the hang explanation names it (the copy
// that keeps a reader from ever seeing EOF). One item, repainted once per frame, not one per wire.

#include "stage/stage_item.h"

#include <QColor>
#include <QPainterPath>
#include <QPointF>

#include <vector>

namespace mpstage::app {

struct Wire {
    QPointF from; // at the process
    QPointF to; // at the end
    QColor colour;
    bool closed = false;
    bool highlighted = false; // held open, and the reason a wait can never end
    bool waited = false; // the end a blocked process waits on
    friend bool operator==(const Wire&, const Wire&) = default;
};

// The curve a wire follows: leaves the process and arrives at the end vertically.
QPainterPath wirePath(const Wire& wire);

class WiresItem : public QGraphicsItem {
public:
    enum { Type = WiresItemType };
    WiresItem();
    int type() const override { return Type; }

    void setWires(std::vector<Wire> wires);
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::vector<Wire> m_wires;
    QRectF m_bounds;
};

} // namespace mpstage::app
