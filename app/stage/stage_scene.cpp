// SPDX-License-Identifier: MIT
#include "stage/stage_scene.h"
#include "look/theme.h"
#include "model/monotonic.h"
#include "stage/actor_card.h"
#include "stage/actor_figure.h"
#include "stage/figure_table.h"
#include "stage/object_figure.h"
#include "stage/token_motion.h"
#include "stage/wires_item.h"

#include <QGraphicsSceneMouseEvent>
#include <QGraphicsSimpleTextItem>

#include <algorithm>

namespace mpstage::app {

using namespace mp::telemetry;

namespace {

template <typename Map> void clearMap(Map& map)
{
    for (auto& [id, item] : map)
        delete item;
    map.clear();
}

} // namespace

StageScene::StageScene(QObject* parent)
    : QGraphicsScene(parent)
{
    m_clock.start();
    m_animation.setInterval(16);
    m_animation.setTimerType(Qt::PreciseTimer);
    connect(&m_animation, &QTimer::timeout, this, &StageScene::animate);
    m_wires = new WiresItem;
    addItem(m_wires);
    m_hint = new QGraphicsSimpleTextItem;
    m_hint->setFont(stageFont(26));
    addItem(m_hint);
    setItemIndexMethod(QGraphicsScene::NoIndex); // few items, most of them moving
    refreshTheme();
    applyLayout();
}

StageScene::~StageScene() = default;

ActorFigure* StageScene::actorFigure(ActorId actor) const
{
    const auto it = m_actors.find(actor);
    return it == m_actors.end() ? nullptr : it->second;
}

void StageScene::setArea(const QSizeF& area)
{
    if (area == m_area)
        return;
    m_area = area;
    m_input.area = area;
    applyLayout();
}

void StageScene::setHint(const QString& text)
{
    m_hint->setText(text);
    applyLayout();
}

void StageScene::setChosenActor(ActorId actor)
{
    m_chosen = actor;
    for (auto& [id, figure] : m_actors)
        figure->setChosen(id == actor);
}

void StageScene::refreshTheme()
{
    setBackgroundBrush(theme().stage);
    m_hint->setBrush(theme().muted);
    update();
}

void StageScene::reset()
{
    clearMap(m_actors);
    clearMap(m_objects);
    m_wires->setWires({});
    m_everHeld.clear();
    m_input = StageInput { m_area, {}, {} };
    applyLayout();
}

void StageScene::sync(const RunState& run, const Highlights& highlights, std::uint64_t nowNs)
{
    const World& world = run.world();
    updateShape(world);
    const double speed = m_speed;
    const SyncContext context { run, world, nowMs(), moveDurationMs(speed), nowNs ? nowNs : monotonicNs(),
        [this](ActorId a) {
            const ActorFigure* f = actorFigure(a);
            return f ? f->anchor() : QPointF(m_geometry.middle.left(), m_geometry.middle.center().y());
        },
        highlights };
    syncItems(context);
    syncWires(world, highlights);
    if (!m_animation.isActive())
        m_animation.start();
}

void StageScene::updateShape(const World& world)
{
    StageInput input { m_area, {}, {} };
    for (const Actor* a : world.actors())
        input.actors.push_back(a->id);
    std::set<ObjectId> drawnInside; // locks that their Value or Array draws
    for (const ObjectInfo* o : world.objects())
        if (o->known && o->parameter > 0 && figureKind(o->kind).drawsItsLock)
            drawnInside.insert(ObjectId { static_cast<std::uint32_t>(o->parameter) });
    for (const ObjectInfo* o : world.objects()) {
        if (!o->known || drawnInside.count(o->id))
            continue;
        ObjectFigure*& f = m_objects[o->id];
        if (!f) {
            f = figureKind(o->kind).make(o->id);
            addItem(f);
        }
        input.objects.push_back(StageObjectSpec { o->id, o->kind, f->lanes(world) });
    }
    if (input == m_input)
        return;
    m_input = std::move(input);
    applyLayout();
}

void StageScene::applyLayout()
{
    m_geometry = layoutStage(m_input);
    for (ActorId id : m_input.actors) {
        ActorFigure*& f = m_actors[id];
        if (!f) {
            f = new ActorFigure(id);
            f->setChosen(id == m_chosen);
            addItem(f);
        }
        f->setLayout(m_geometry.actors[id], m_geometry.compact, m_geometry.above(id));
    }
    for (const StageObjectSpec& spec : m_input.objects)
        if (const auto f = m_objects.find(spec.id); f != m_objects.end())
            f->second->setRect(m_geometry.objects[spec.id]);
    m_hint->setVisible(m_input.actors.empty());
    const QRectF hint = m_hint->boundingRect();
    m_hint->setPos(m_geometry.bounds.center() - QPointF(hint.width() / 2, hint.height() / 2));
    setSceneRect(m_geometry.bounds);
    Q_EMIT boundsChanged();
}

void StageScene::syncItems(const SyncContext& c)
{
    const EndpointTable& table = c.world.endpoints();
    m_everHeld.insert(c.run.everHeld().begin(), c.run.everHeld().end());
    for (const auto& [id, f] : m_objects)
        for (int end = 0; end < 2; ++end)
            for (ActorId a : table.holders(id, end))
                m_everHeld.insert(EndpointRef { a, id, end });
    for (auto& [id, f] : m_actors) {
        if (const Actor* a = c.world.actor(id))
            f->setCard(actorCard(c.world, *a, m_listing, c.nowNs, c.highlights, m_everHeld));
        f->setHighlighted(c.highlights.actors.count(id) > 0);
    }
    for (auto& [id, f] : m_objects)
        f->sync(c);
}

void StageScene::syncWires(const World& world, const Highlights& highlights)
{
    std::vector<Wire> wires;
    for (const EndpointRef& ref : m_everHeld) {
        const Actor* actor = world.actor(ref.actor);
        const ActorFigure* figure = actorFigure(ref.actor);
        if (!actor || !figure || !actor->live())
            continue;
        Wire w;
        w.from = figure->chipAnchor(ref.object, ref.end).value_or(figure->anchor());
        w.colour = theme().actor(ref.actor);
        w.closed = !world.endpoints().holds(ref.actor, ref.object, ref.end);
        w.highlighted = !w.closed && highlights.endpoints.count(ref) > 0;
        w.waited = !w.closed && highlights.waitedOn.count(ref) > 0;
        const auto f = m_objects.find(ref.object);
        if (f == m_objects.end())
            continue;
        const std::optional<QPointF> to = f->second->wirePort(ref.end, m_geometry.above(ref.actor));
        if (!to)
            continue;
        w.to = *to;
        wires.push_back(w);
    }
    m_wires->setWires(std::move(wires));
}

void StageScene::animate()
{
    const double t = nowMs();
    bool moving = false;
    for (auto& [id, f] : m_objects)
        moving = f->advance(t) || moving;
    if (!moving)
        m_animation.stop();
}

void StageScene::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    for (QGraphicsItem* item : items(event->scenePos()))
        if (item->type() == ActorFigure::Type) {
            Q_EMIT actorClicked(static_cast<ActorFigure*>(item)->actor());
            event->accept();
            return;
        }
    QGraphicsScene::mousePressEvent(event);
}

} // namespace mpstage::app
