// SPDX-License-Identifier: MIT
#include "stage/queue_figure.h"
#include "look/theme.h"
#include "model/wording.h"
#include "stage/paint_kit.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <QPolygonF>

#include <algorithm>

namespace mpstage::app {

using namespace mp::telemetry;

namespace {

enum Section { InBuffer = 0, InPipe = 1, InTray = 2 };

const QFont& tokenFont()
{
    static const QFont f = stageFont(17, true);
    return f;
}

QString shortRepr(const std::string& repr)
{
    QString s = QString::fromStdString(repr);
    if (s.size() > 12)
        s = s.left(11) + QChar(0x2026);
    return s;
}

std::uint64_t tokenKey(const QueueItem& item)
{
    return item.id ? item.id.value : (1ULL << 63) | static_cast<std::uint64_t>(item.index);
}

} // namespace

QueueFigure::QueueFigure(ObjectId id)
    : ObjectFigure(id)
{
}

int QueueFigure::lanes(const World& world)
{
    std::vector<ActorId> lanes = m_laneActors;
    auto addLane = [&](ActorId a) {
        if (std::find(lanes.begin(), lanes.end(), a) == lanes.end())
            lanes.push_back(a);
    };
    if (const QueueState* q = world.queue(object())) {
        for (ActorId a : q->producers())
            addLane(a);
        for (const QueueItem* item : q->putting())
            addLane(item->producer);
    }
    for (const Actor* a : world.actors())
        if (a->feederFor(object()))
            addLane(a->id);
    if (lanes != m_laneActors) {
        m_laneActors = std::move(lanes);
        relayout();
    }
    return std::max(1, static_cast<int>(m_laneActors.size()));
}

void QueueFigure::relayout()
{
    m_geometry = QueueGeometry(rect(), static_cast<int>(std::max<std::size_t>(1, m_laneActors.size())), m_tokenWidth);
    update();
}

int QueueFigure::laneOf(ActorId producer) const
{
    const auto it = std::find(m_laneActors.begin(), m_laneActors.end(), producer);
    return it == m_laneActors.end() ? 0 : static_cast<int>(it - m_laneActors.begin());
}

void QueueFigure::sync(const SyncContext& c)
{
    const QueueState* q = c.world.queue(object());
    const ObjectInfo* info = c.world.object(object());
    if (!q || !info)
        return;
    // Tokens only ever grow wider, so the slots do not jump back and forth.
    qreal widest = m_tokenWidth;
    for (const QueueItem* item : q->inPipe())
        widest = std::max(widest, textWidth(tokenFont(), shortRepr(item->repr)) + 20);
    for (ActorId a : m_laneActors)
        for (const QueueItem* item : q->buffer(a))
            widest = std::max(widest, textWidth(tokenFont(), shortRepr(item->repr)) + 20);
    int recent = 0;
    for (auto it = q->delivered().rbegin(); it != q->delivered().rend() && recent < 12; ++it, ++recent)
        if (!it->second.sentinel)
            widest = std::max(widest, textWidth(tokenFont(), shortRepr(it->second.repr)) + 20);
    if (widest > m_tokenWidth + 0.5) {
        m_tokenWidth = std::min<qreal>(widest, 100); // longer reprs are cut, so a row still holds a few
        relayout();
    }

    m_title = QString::fromStdString(c.world.objectName(object()) + "  ·  " + queueConstructor(*info));
    m_counts = QStringLiteral("put %1 · got %2").arg(q->putCount()).arg(q->gotCount());
    if (q->lostCount())
        m_counts += QStringLiteral(" · lost %1").arg(q->lostCount());
    m_unfinished = info->kind == ObjectKind::JoinableQueue ? QStringLiteral("unfinished tasks: %1").arg(q->unfinished())
                                                           : QString();
    m_closed = q->closed();
    m_lanes.clear();
    for (ActorId a : m_laneActors) {
        const std::size_t n = q->buffer(a).size();
        m_lanes.push_back(Lane { QString::fromStdString(c.world.actorName(a) + "'s buffer"),
            QString::fromStdString(feederWords(c.world.actor(a), object(), n)), theme().actor(a), 0 });
    }
    if (m_laneActors.empty())
        m_lanes.push_back(Lane { QStringLiteral("each producer's buffer"), QString(), theme().muted, 0 });
    m_pipeText = QStringLiteral("OS pipe: ") + QString::fromStdString(itemsWords(q->inPipeCount()));
    m_consumers.clear();
    for (ActorId a : q->consumers())
        m_consumers.emplace_back(QString::fromStdString(c.world.actorName(a)), theme().actor(a));
    const auto& answers = c.run.answers(object());
    m_callouts.assign(answers.begin(), answers.end());
    placeTokens(c, *q);
    setHighlighted(c.highlights.objects.count(object()) > 0);
    update();
}

void QueueFigure::placeTokens(const SyncContext& c, const QueueState& q)
{
    const QueueGeometry& g = m_geometry;
    const QPointF tubeIn(g.tube.left() + m_tokenWidth / 2, g.tube.center().y());
    const QPointF tubeOut(g.tube.right() - m_tokenWidth / 2, g.tube.center().y());
    m_tokens.beginFrame();
    auto look = [&](const QueueItem& item, bool delivered) {
        TokenLook l;
        l.text = shortRepr(item.repr);
        l.fill = theme().actor(item.producer);
        l.sentinel = item.sentinel;
        l.dashed = item.stage == ItemStage::Putting;
        l.width = item.sentinel ? SENTINEL_WIDTH : m_tokenWidth;
        if (delivered)
            l.ring = theme().actor(item.consumer);
        return l;
    };
    auto place = [&](const QueueItem& item, int section, QPointF slot, bool delivered) {
        const int lane = laneOf(item.producer);
        const QPointF laneStart = g.laneTokens[static_cast<std::size_t>(lane)].slot(0);
        QPointF spawn = section == InBuffer ? (c.actorAnchor ? c.actorAnchor(item.producer) : slot) : laneStart;
        bool created = false;
        TokenItem* t = m_tokens.token(tokenKey(item), look(item, delivered), spawn, &created);
        const int from = created ? (section == InBuffer ? -1 : InBuffer) : t->section;
        std::vector<QPointF> via;
        if (from <= InBuffer && section >= InPipe)
            via.push_back(tubeIn);
        if (from <= InPipe && section == InTray)
            via.push_back(tubeOut);
        t->section = section;
        t->moveTo(std::move(via), slot, c.nowMs, c.moveMs);
    };
    for (std::size_t lane = 0; lane < m_laneActors.size() && lane < m_lanes.size(); ++lane) {
        std::vector<const QueueItem*> items = q.buffer(m_laneActors[lane]);
        for (const QueueItem* p : q.putting())
            if (p->producer == m_laneActors[lane])
                items.push_back(p);
        const TokenRow& row = g.laneTokens[lane];
        const int cap = row.capacity();
        const int shown = static_cast<int>(items.size()) > cap ? cap - 1 : static_cast<int>(items.size());
        for (int i = 0; i < shown; ++i)
            place(*items[static_cast<std::size_t>(i)], InBuffer, row.slot(i), false);
        m_lanes[lane].more = static_cast<int>(items.size()) - shown;
    }
    const std::vector<const QueueItem*> pipe = q.inPipe();
    const int pipeCap = g.pipeTokens.capacity();
    const int pipeShown = static_cast<int>(pipe.size()) > pipeCap ? pipeCap - 1 : static_cast<int>(pipe.size());
    for (int i = 0; i < pipeShown; ++i)
        place(*pipe[static_cast<std::size_t>(i)], InPipe, g.pipeTokens.slot(i), false);
    m_pipeMore = static_cast<int>(pipe.size()) - pipeShown;

    const auto& delivered = q.delivered();
    const int trayCap = g.trayCapacity();
    const bool trayFull = static_cast<int>(q.gotCount()) > trayCap;
    const int trayShown = std::min<int>(trayFull ? trayCap - 1 : trayCap, static_cast<int>(delivered.size()));
    auto it = delivered.end();
    std::advance(it, -trayShown);
    for (int i = trayFull ? 1 : 0; it != delivered.end(); ++it, ++i) // slot 0 says how many came before
        place(it->second, InTray, g.traySlot(i), true);
    m_trayMore = static_cast<int>(q.gotCount()) - trayShown;
    m_tokens.endFrame();
}

void QueueFigure::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    QPainter& p = *painter;
    p.setRenderHint(QPainter::Antialiasing);
    const Theme& t = theme();
    const QueueGeometry& g = m_geometry;
    static const QFont titleFont = stageMono(21, true);
    static const QFont labelFont = stageFont(16);
    static const QFont boldLabel = stageFont(16, true);
    static const QFont countFont = stageFont(17, true);
    drawPanel(p, rect(), t.panel, t.border, 2, highlighted(), 12);

    const qreal rightWidth = std::max(textWidth(countFont, m_counts), textWidth(countFont, m_unfinished)) + 8;
    drawLine(p, g.title.adjusted(0, 0, -rightWidth, 0), m_title, titleFont, t.text);
    if (m_unfinished.isEmpty()) {
        drawLine(p, g.title, m_counts, countFont, t.muted, Qt::AlignRight | Qt::AlignVCenter);
    } else {
        drawLine(p, g.title.adjusted(0, -4, 0, -g.title.height() / 2), m_unfinished, countFont, t.warn,
            Qt::AlignRight | Qt::AlignVCenter);
        drawLine(p, g.title.adjusted(0, g.title.height() / 2 - 2, 0, 4), m_counts, labelFont, t.muted,
            Qt::AlignRight | Qt::AlignVCenter);
    }

    for (std::size_t i = 0; i < m_lanes.size() && i < g.lanes.size(); ++i) {
        const Lane& lane = m_lanes[i];
        p.setPen(QPen(lane.colour, 2, Qt::DashLine));
        p.setBrush(t.tint(lane.colour, 22));
        p.drawRoundedRect(g.lanes[i], 8, 8);
        drawLine(p, g.laneLabels[i], lane.label, boldLabel, lane.colour);
        if (!lane.feeder.isEmpty()) {
            // The feeder thread: what carries this buffer's items into the pipe.
            const QRectF f = g.feeders[i];
            const QPointF from(g.lanes[i].right(), g.lanes[i].center().y() + 10);
            const QPointF to(g.tube.left() + 2, g.tube.center().y());
            p.setPen(QPen(lane.colour, 2.5, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(from, to);
            const QLineF back = QLineF(to, from).unitVector();
            const QPointF dir = back.p2() - back.p1();
            const QPointF normal(-dir.y(), dir.x());
            p.setBrush(lane.colour);
            p.drawPolygon(QPolygonF({ to, to + dir * 10 + normal * 5, to + dir * 10 - normal * 5 }));
            static const QFont feederFont = stageFont(17, true);
            drawLine(p, QRectF(f.left(), f.top() - 2, f.width(), 22), QStringLiteral("⚙ feeder"), feederFont,
                lane.colour, Qt::AlignCenter);
            drawLine(
                p, QRectF(f.left(), f.bottom() - 22, f.width(), 22), lane.feeder, labelFont, t.text, Qt::AlignCenter);
        }
        if (lane.more > 0) {
            const TokenRow& row = g.laneTokens[i];
            const QPointF s = row.slot(row.capacity() - 1);
            drawLine(p, QRectF(s.x() - 40, s.y() - 14, 80, 28), QStringLiteral("+%1").arg(lane.more), countFont, t.text,
                Qt::AlignCenter);
        }
    }

    // The pipe: a tube from the buffers to the consumer side, with an arrow for the direction of travel.
    p.setPen(QPen(t.border.darker(120), 2.5));
    p.setBrush(t.tube);
    p.drawRoundedRect(g.tube, g.tube.height() / 2, g.tube.height() / 2);
    drawLine(p, g.pipeLabel, m_pipeText + (m_closed ? QStringLiteral(" · closed") : QString()), labelFont, t.muted,
        Qt::AlignCenter);
    if (m_pipeMore > 0) {
        const QPointF s = g.pipeTokens.slot(g.pipeTokens.capacity() - 1);
        drawLine(p, QRectF(s.x() - 40, s.y() - 14, 80, 28), QStringLiteral("+%1").arg(m_pipeMore), countFont, t.text,
            Qt::AlignCenter);
    }

    p.setPen(QPen(t.border, 2));
    p.setBrush(t.box);
    p.drawRoundedRect(g.tray, 8, 8);
    QRectF label = g.trayLabel;
    label.setLeft(label.left()
        + drawLine(p, label, m_consumers.empty() ? QStringLiteral("consumer side") : QStringLiteral("got by "),
            labelFont, t.muted)
        + 2);
    qreal namesWidth = 0;
    for (const auto& [name, colour] : m_consumers)
        namesWidth += textWidth(boldLabel, name) + 8;
    const bool shortNames = namesWidth > label.width();
    for (const auto& [name, colour] : m_consumers)
        label.setLeft(label.left()
            + drawLine(p, label, shortNames ? QString::fromStdString(shortActorName(name.toStdString())) : name,
                boldLabel, colour)
            + 8);
    if (m_trayMore > 0) { // in the first slot: the ones got before those shown
        const QPointF s = g.traySlot(0);
        drawLine(p, QRectF(s.x() - m_tokenWidth / 2 - 10, s.y() - 14, m_tokenWidth + 20, 28),
            QStringLiteral("+%1").arg(m_trayMore), countFont, t.muted, Qt::AlignCenter);
    }

    // Call-outs: the answer in large type, the truth under it.
    if (m_callouts.empty()) {
        drawLine(p, g.callouts,
            QStringLiteral("empty(), qsize(), full(): not asked yet — their answers will appear here"), labelFont,
            t.muted, Qt::AlignCenter);
        return;
    }
    static const QFont answerFont = stageMono(21, true);
    static const QFont truthFont = stageFont(16);
    const qreal gap = 10;
    const qreal w = (g.callouts.width() - gap * static_cast<qreal>(m_callouts.size() - 1))
        / static_cast<qreal>(m_callouts.size());
    for (std::size_t i = 0; i < m_callouts.size(); ++i) {
        const Callout& c = m_callouts[i];
        const QRectF box(
            g.callouts.left() + static_cast<qreal>(i) * (w + gap), g.callouts.top(), w, g.callouts.height());
        // An exception raised (Full, Empty) is marked as the console marks an error: red.
        const QColor mark = c.raised ? t.bad : c.misleading ? t.warn : t.calloutBorder;
        p.setPen(QPen(mark, c.raised || c.misleading ? 3 : 2));
        p.setBrush(c.raised ? t.tint(t.bad, 26) : t.callout);
        p.drawRoundedRect(box, 8, 8);
        const QRectF inner = box.adjusted(10, 4, -10, -4);
        const QString question = QString::fromStdString(c.question) + QStringLiteral("  →  ");
        const qreal qw
            = drawLine(p, QRectF(inner.left(), inner.top(), inner.width(), 30), question, answerFont, t.actor(c.asker));
        const QColor answerColour = c.raised ? t.bad : c.misleading ? t.warn : t.text;
        drawLine(p, QRectF(inner.left() + qw, inner.top(), inner.width() - qw, 30), QString::fromStdString(c.answer),
            answerFont, answerColour);
        p.setFont(truthFont); // the truth may take two lines rather than be cut
        p.setPen(t.text);
        const QString times = c.times > 1 ? QStringLiteral("%1 times: ").arg(c.times) : QString();
        p.drawText(QRectF(inner.left(), inner.top() + 29, inner.width(), inner.height() - 29),
            Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, times + QString::fromStdString(c.truth));
    }
}

} // namespace mpstage::app
