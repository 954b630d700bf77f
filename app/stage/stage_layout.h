// SPDX-License-Identifier: MIT
#pragma once
// Where everything goes on the stage, as plain geometry (tested without painting). The processes stand in a
// row along the top, the main process first on the left, and the objects they share sit below them across
// the whole width, so a queue has room for its three parts and the wires drop straight from a process's
// handles to the end it holds. When there are more processes than fit in a row, the rest stand in a second
// row under the objects. The stage is laid out for the area the view shows, at about one scene pixel per
// screen pixel, so the type keeps its size; only a crowded stage is scaled down.

#include <mp/telemetry/event.h>
#include <mp/telemetry/ids.h>

#include <QRectF>
#include <QSizeF>

#include <map>
#include <vector>

namespace mpstage::app {

struct StageObjectSpec {
    mp::telemetry::ObjectId id;
    mp::telemetry::ObjectKind kind = mp::telemetry::ObjectKind::Queue;
    int lanes = 1; // queues: producer buffers shown
    friend bool operator==(const StageObjectSpec&, const StageObjectSpec&) = default;
};

struct StageInput {
    QSizeF area; // what the view shows, in scene pixels
    std::vector<mp::telemetry::ActorId> actors; // in id order; the first is the main process
    std::vector<StageObjectSpec> objects;
    friend bool operator==(const StageInput&, const StageInput&) = default;
};

struct StageGeometry {
    QRectF bounds;
    bool compact = false; // many processes: smaller boxes without the listing line
    std::map<mp::telemetry::ActorId, QRectF> actors;
    std::map<mp::telemetry::ObjectId, QRectF> objects;
    QRectF middle; // the band the objects stand in
    // Whether a process stands above the objects (its wires go down) or below them (they go up).
    bool above(mp::telemetry::ActorId actor) const;
};

inline constexpr qreal STAGE_MARGIN = 20;
inline constexpr qreal ACTOR_HEIGHT = 178;
inline constexpr qreal COMPACT_ACTOR_HEIGHT = 132;
inline constexpr qreal ACTOR_MAX_WIDTH = 400;
inline constexpr qreal ACTOR_MIN_WIDTH = 236;
inline constexpr qreal MIN_STAGE_WIDTH = 780;
inline constexpr qreal MIN_STAGE_HEIGHT = 520;

qreal objectHeight(const StageObjectSpec& spec);
StageGeometry layoutStage(const StageInput& input);

} // namespace mpstage::app
