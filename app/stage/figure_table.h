// SPDX-License-Identifier: MIT
#pragma once
// Which figure draws which kind of object, and how tall it stands: one row per kind, as the scene catalogue
// and the hang rules are tables. Adding a figure touches this table and the figure's own files.

#include <mp/telemetry/event.h>
#include <mp/telemetry/ids.h>

#include <QtGlobal>

namespace mpstage::app {

class ObjectFigure;

struct FigureKind {
    ObjectFigure* (*make)(mp::telemetry::ObjectId id);
    qreal (*height)(int lanes); // in scene pixels, for the lanes the figure asked for
    // The object's creation parameter is the id of a lock that this figure draws inside itself (a Value's
    // or an Array's), so that lock gets no figure of its own.
    bool drawsItsLock = false;
};

// The row for a kind; kinds the stage has no special drawing for get the generic synchronisation figure.
const FigureKind& figureKind(mp::telemetry::ObjectKind kind);

} // namespace mpstage::app
