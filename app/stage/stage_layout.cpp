// SPDX-License-Identifier: MIT
#include "stage/stage_layout.h"
#include "stage/figure_table.h"

#include <algorithm>
#include <cmath>

namespace mpstage::app {

using mp::telemetry::ActorId;
using mp::telemetry::ObjectKind;

namespace {

constexpr qreal ACTOR_GAP = 22;
constexpr qreal WIRE_ROOM = 58; // between a row of processes and the objects, for the wires to bend
constexpr qreal OBJECT_GAP = 24;
constexpr qreal OBJECT_MAX_WIDTH = 1180;

// Places `count` boxes in a row across [left, right]: the first at the left edge, the last at the right edge
// when there is more room than needed, so the main process and its partner stand at the two ends.
std::vector<QRectF> row(qreal left, qreal right, qreal top, std::size_t count, qreal width, qreal height)
{
    std::vector<QRectF> out;
    if (count == 0)
        return out;
    const qreal room = right - left;
    const qreal gap = count > 1
        ? std::max(ACTOR_GAP, (room - width * static_cast<qreal>(count)) / static_cast<qreal>(count - 1))
        : 0;
    for (std::size_t i = 0; i < count; ++i)
        out.emplace_back(left + static_cast<qreal>(i) * (width + gap), top, width, height);
    return out;
}

} // namespace

bool StageGeometry::above(ActorId actor) const
{
    const auto it = actors.find(actor);
    return it == actors.end() || it->second.center().y() < middle.center().y();
}

qreal objectHeight(const StageObjectSpec& spec)
{
    return figureKind(spec.kind).height(spec.lanes);
}

StageGeometry layoutStage(const StageInput& in)
{
    StageGeometry g;
    const qreal width = std::max(in.area.width(), MIN_STAGE_WIDTH);
    const qreal inner = width - 2 * STAGE_MARGIN;
    const std::size_t n = in.actors.size();
    const auto fit = [&](qreal w) {
        return std::max<std::size_t>(1, static_cast<std::size_t>((inner + ACTOR_GAP) / (w + ACTOR_GAP)));
    };

    // One row if everyone fits at a readable width, else two rows (and compact boxes if still too many).
    std::size_t top = std::min(n, fit(ACTOR_MIN_WIDTH));
    if (n > top) {
        top = (n + 1) / 2;
        g.compact = true;
    }
    const std::size_t bottom = n - top;
    const std::size_t perRow = std::max<std::size_t>(1, std::max(top, bottom));
    const qreal actorWidth = std::clamp(
        (inner - ACTOR_GAP * static_cast<qreal>(perRow - 1)) / static_cast<qreal>(perRow), 150.0, ACTOR_MAX_WIDTH);
    const qreal actorHeight = g.compact ? COMPACT_ACTOR_HEIGHT : ACTOR_HEIGHT;

    qreal objectsHeight = 0;
    for (const auto& o : in.objects)
        objectsHeight += objectHeight(o) + OBJECT_GAP;
    objectsHeight = std::max<qreal>(0, objectsHeight - OBJECT_GAP);
    const qreal topBand = top ? actorHeight + WIRE_ROOM : 0;
    const qreal bottomBand = bottom ? actorHeight + WIRE_ROOM : 0;
    const qreal needed = 2 * STAGE_MARGIN + topBand + objectsHeight + bottomBand;
    const qreal height = std::max({ in.area.height(), MIN_STAGE_HEIGHT, needed });
    // What is left over goes around the objects, not between the rows and the objects: wires stay short.
    const qreal spare = height - needed;
    const qreal firstY = STAGE_MARGIN + spare * 0.25;

    const qreal objectWidth = std::min(inner, OBJECT_MAX_WIDTH);
    const qreal objectLeft = STAGE_MARGIN + (inner - objectWidth) / 2;
    g.middle = QRectF(objectLeft, firstY + topBand, objectWidth, std::max<qreal>(objectsHeight, 1));
    qreal y = g.middle.top();
    for (const auto& o : in.objects) {
        const qreal h = objectHeight(o);
        g.objects[o.id] = QRectF(objectLeft, y, objectWidth, h);
        y += h + OBJECT_GAP;
    }
    const auto topRects = row(STAGE_MARGIN, width - STAGE_MARGIN, firstY, top, actorWidth, actorHeight);
    for (std::size_t i = 0; i < top; ++i)
        g.actors[in.actors[i]] = topRects[i];
    const auto bottomRects
        = row(STAGE_MARGIN, width - STAGE_MARGIN, g.middle.bottom() + WIRE_ROOM, bottom, actorWidth, actorHeight);
    for (std::size_t i = 0; i < bottom; ++i)
        g.actors[in.actors[top + i]] = bottomRects[i];
    g.bounds = QRectF(0, 0, width, height);
    return g;
}

} // namespace mpstage::app
