// SPDX-License-Identifier: MIT
#pragma once
// The stage: a QGraphicsScene drawn from the World, one figure per process and per shared object, wires
// for the ends they hold, tokens for the items in flight. sync() catches up with the run once per frame
// (items are updated in place, repainted only when what they show changed); a separate animation clock
// moves the tokens, stretched by the slow-motion speed.

#include "stage/stage_layout.h"
#include "stage/sync_context.h"

#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QStringList>
#include <QTimer>

#include <cstdint>
#include <map>
#include <set>
#include <vector>

class QGraphicsSimpleTextItem;

namespace mpstage::app {

class ActorFigure;
class ObjectFigure;
class WiresItem;

class StageScene : public QGraphicsScene {
    Q_OBJECT

public:
    explicit StageScene(QObject* parent = nullptr);
    ~StageScene() override;

    void setArea(const QSizeF& area); // what the view shows, in scene pixels
    void setListing(const QStringList& lines) { m_listing = lines; }
    void setSpeed(double speed) { m_speed = speed; }
    void setHint(const QString& text); // shown while the stage is empty
    void setChosenActor(mp::telemetry::ActorId actor);
    mp::telemetry::ActorId chosenActor() const { return m_chosen; }

    // Catches up with the run.
    // nowNs: the instant shown (CLOCK_MONOTONIC ns), for "waiting for 2.1 s"; 0 = now (a live run).
    void sync(const RunState& run, const Highlights& highlights, std::uint64_t nowNs = 0);
    // Forgets everything (a new run).
    void reset();
    void refreshTheme();
    bool animating() const { return m_animation.isActive(); }
    const StageGeometry& geometry() const { return m_geometry; }
    ActorFigure* actorFigure(mp::telemetry::ActorId actor) const;

Q_SIGNALS:
    void actorClicked(mp::telemetry::ActorId actor);
    void boundsChanged();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;

private:
    void updateShape(const mp::telemetry::World& world);
    void applyLayout();
    void syncItems(const SyncContext& context);
    void syncWires(const mp::telemetry::World& world, const Highlights& highlights);
    void animate();
    double nowMs() const { return static_cast<double>(m_clock.nsecsElapsed()) / 1e6; }

    QStringList m_listing;
    double m_speed = 1.0;
    QSizeF m_area { 1000, 640 };
    StageInput m_input;
    StageGeometry m_geometry;
    std::map<mp::telemetry::ActorId, ActorFigure*> m_actors;
    std::map<mp::telemetry::ObjectId, ObjectFigure*> m_objects; // made from the table in figure_table.h
    WiresItem* m_wires = nullptr;
    QGraphicsSimpleTextItem* m_hint = nullptr;
    // Sticky, so that wires to ends closed since stay drawn (struck through) as the run goes on.
    std::set<mp::telemetry::EndpointRef> m_everHeld;
    mp::telemetry::ActorId m_chosen;
    QElapsedTimer m_clock;
    QTimer m_animation;
};

} // namespace mpstage::app
