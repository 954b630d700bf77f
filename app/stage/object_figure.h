// SPDX-License-Identifier: MIT
#pragma once
// A shared object on the stage (a queue, a pipe, a value, a lock ...). The stage knows every figure only
// through this class and the table in figure_table.h, so a new figure is its own two files and one row.

#include "stage/stage_item.h"

#include <mp/telemetry/world.h>

#include <optional>

namespace mpstage::app {

class ObjectFigure : public StageItem {
public:
    enum { Type = ObjectItemType };
    explicit ObjectFigure(mp::telemetry::ObjectId id)
        : m_object(id)
    {
        setZValue(1);
    }
    int type() const override { return Type; }
    mp::telemetry::ObjectId object() const { return m_object; }

    // Asked before each layout: how many producer lanes the figure shows (its height grows with them).
    virtual int lanes(const mp::telemetry::World& world)
    {
        (void)world;
        return 1;
    }
    // Where a wire from a process holding end `end` arrives (on the top edge for a process above the
    // objects, else on the bottom one); nothing for an object without ends.
    virtual std::optional<QPointF> wirePort(int end, bool fromAbove) const
    {
        (void)end;
        (void)fromAbove;
        return std::nullopt;
    }

private:
    mp::telemetry::ObjectId m_object;
};

} // namespace mpstage::app
