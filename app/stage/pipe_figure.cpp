// SPDX-License-Identifier: MIT
#include "stage/pipe_figure.h"
#include "look/theme.h"
#include "stage/paint_kit.h"

#include <mp/telemetry/wording.h>

#include <QPainter>

namespace mpstage::app {

using namespace mp::telemetry;

PipeFigure::PipeFigure(ObjectId id)
    : ObjectFigure(id)
{
}

// The main process's end stands on the left, below it: the end it used last, else the one end it still
// holds; failing both, the end a child used last stands on the right. Sticky once the main process has
// decided it, so the pipe does not turn round as the run goes on.
void PipeFigure::chooseLeftEnd(const World& world)
{
    if (m_leftEndChosen)
        return;
    const EndpointTable& table = world.endpoints();
    const ActorId main { 1 };
    int left = table.lastUsedEnd(main, object());
    const bool holds0 = table.holds(main, object(), 0);
    if (left < 0 && holds0 != table.holds(main, object(), 1))
        left = holds0 ? 0 : 1;
    m_leftEndChosen = left >= 0;
    if (left < 0)
        for (const Actor* a : world.actors())
            if (a->id != main && table.lastUsedEnd(a->id, object()) >= 0) {
                left = 1 - table.lastUsedEnd(a->id, object());
                break;
            }
    if (left >= 0 && left != m_leftEnd) {
        m_leftEnd = left;
        update();
    }
}

void PipeFigure::relayout()
{
    m_geometry = PipeGeometry(rect());
    update();
}

void PipeFigure::sync(const SyncContext& c)
{
    chooseLeftEnd(c.world);
    const ObjectInfo* info = c.world.object(object());
    const PipeState* pipe = c.world.pipe(object());
    if (!info)
        return;
    const bool duplex = info->parameter != 0;
    m_title = QString::fromStdString(c.world.objectName(object())) + QStringLiteral("  ·  Pipe(")
        + (duplex ? QString() : QStringLiteral("duplex=False")) + QStringLiteral(")");
    const EndpointTable& table = c.world.endpoints();
    for (int end = 0; end < 2; ++end) {
        End& e = m_ends[end];
        const auto& holders = table.holders(object(), end);
        e.label
            = QString::fromStdString(mp::telemetry::wording::pipeEnd(c.world, object(), end)); // "output_p", or "end 0"
        if (!duplex)
            e.label += end == 0 ? QStringLiteral(" (reads)") : QStringLiteral(" (writes)");
        e.closed = holders.empty();
        e.eof = table.eofSeen(object(), end);
        e.state = e.closed ? QStringLiteral("closed everywhere")
            : holders.size() == 1
            ? QStringLiteral("open in ") + QString::fromStdString(c.world.actorName(holders.front()))
            : QStringLiteral("open in %1 processes").arg(holders.size());
        e.highlighted = false;
        for (const EndpointRef& ref : c.highlights.endpoints)
            if (ref.object == object() && ref.end == end)
                e.highlighted = true; // an open copy of this end is why someone waits for ever
    }
    m_counts.clear();
    m_tokens.beginFrame();
    int full = 0; // directions whose send() waits for room
    int fullFrom = 0;
    if (pipe) {
        for (int from = 0; from < 2; ++from) {
            const bool rightward = from == m_leftEnd;
            const TokenRow& row = rightward ? m_geometry.rightward : m_geometry.leftward;
            const auto& flight = pipe->inFlight(from);
            const int cap = row.capacity();
            int i = 0;
            for (const auto& [index, message] : flight) {
                if (i >= cap)
                    break;
                TokenLook look;
                look.text = QString::fromStdString(message.repr).left(10);
                look.fill = theme().actor(message.sender);
                look.width = std::min<qreal>(textWidth(stageFont(17, true), look.text) + 20, 110);
                look.width = std::max<qreal>(look.width, TOKEN_HEIGHT);
                const std::uint64_t key = (static_cast<std::uint64_t>(from) << 62) ^ static_cast<std::uint64_t>(index);
                TokenItem* t = m_tokens.token(key, look, port(from));
                t->moveTo({}, row.slot(i), c.nowMs, c.moveMs);
                ++i;
            }
            const auto& partial = pipe->partial(from);
            if (partial && i < cap) { // a message part-way in: its send() waits for room
                TokenLook look;
                look.text = QStringLiteral("%1 of %2")
                                .arg(QString::fromStdString(mp::telemetry::wording::bytes(partial->held)),
                                    QString::fromStdString(mp::telemetry::wording::bytes(partial->total)));
                look.fill = theme().actor(partial->sender);
                look.width = std::min<qreal>(textWidth(stageFont(17, true), look.text) + 20, row.area.width());
                const std::uint64_t key = (static_cast<std::uint64_t>(from) << 62) | (std::uint64_t { 1 } << 61);
                QPointF at = row.slot(i); // a wide token, its near edge where a slot's would be, inside the tube
                const qreal inward = std::max<qreal>(0, (look.width - row.tokenWidth) / 2);
                at.rx() += row.fromRight ? -inward : inward;
                m_tokens.token(key, look, port(from))->moveTo({}, at, c.nowMs, c.moveMs);
            }
            if (partial)
                ++full;
            else if (pipe->sentCount(from)) {
                if (!m_counts.isEmpty())
                    m_counts += QStringLiteral("   ·   ");
                m_counts
                    += QStringLiteral("%1 → %2: sent %3, received %4")
                           .arg(QString::fromStdString(mp::telemetry::wording::pipeEnd(c.world, object(), from)))
                           .arg(QString::fromStdString(mp::telemetry::wording::pipeEnd(c.world, object(), 1 - from)))
                           .arg(pipe->sentCount(from))
                           .arg(pipe->receivedCount(from));
            }
            if (partial && full == 1)
                fullFrom = from;
        }
    }
    m_tokens.endFrame();
    // A send() that waits for room means that direction of the pipe is full (its tokens say how much is in).
    const QString fullWords = full == 2 ? QStringLiteral("full both ways: neither send() can finish")
        : full == 1                     ? QStringLiteral("%1 → %2 is full: its send() waits for room")
                          .arg(QString::fromStdString(mp::telemetry::wording::pipeEnd(c.world, object(), fullFrom)))
                          .arg(QString::fromStdString(mp::telemetry::wording::pipeEnd(c.world, object(), 1 - fullFrom)))
                    : QString();
    if (!fullWords.isEmpty())
        m_counts = m_counts.isEmpty() ? fullWords : fullWords + QStringLiteral("   ·   ") + m_counts;
    if (m_counts.isEmpty())
        m_counts = QStringLiteral("nothing sent yet");
    setHighlighted(c.highlights.objects.count(object()) > 0);
    update();
}

void PipeFigure::paintEnd(QPainter& p, const End& e, QPointF port, const QRectF& label, bool left) const
{
    const Theme& t = theme();
    static const QFont labelFont = stageFont(17, true);
    static const QFont stateFont = stageFont(16);
    static const QFont eofFont = stageFont(15, true);
    const qreal r = m_geometry.portRadius;
    const QColor colour = e.highlighted ? t.bad : e.closed ? t.closed : t.text;
    // The pin: where the wires of the processes holding this end arrive, above and below.
    p.setPen(QPen(e.highlighted ? t.bad : e.closed ? t.closed : t.border.darker(130), e.highlighted ? 4 : 3));
    p.drawLine(QPointF(port.x(), rect().top()), QPointF(port.x(), rect().bottom()));
    if (e.highlighted)
        drawHighlightGlow(p, QRectF(port.x() - r - 4, port.y() - r - 4, 2 * r + 8, 2 * r + 8), r + 4);
    p.setPen(QPen(colour, 3));
    p.setBrush(e.closed ? t.window : t.panel);
    p.drawEllipse(port, r, r);
    if (e.closed) { // struck through: no process holds this end any more
        p.setPen(QPen(t.bad, 3.5, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(port + QPointF(-r - 4, -r - 4), port + QPointF(r + 4, r + 4));
        p.drawLine(port + QPointF(-r - 4, r + 4), port + QPointF(r + 4, -r - 4));
    }
    const Qt::Alignment align = (left ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter;
    const qreal w = drawLine(p, label, e.label, labelFont, colour, align);
    const QRectF rest = left ? label.adjusted(w + 8, 0, 0, 0) : label.adjusted(0, 0, -w - 8, 0);
    drawLine(p, rest, e.state, stateFont, e.closed ? t.bad : t.muted, align);
    if (e.eof) {
        const QRectF badge(left ? port.x() + r + 4 : port.x() - r - 50, port.y() - r - 16, 46, 24);
        p.setPen(Qt::NoPen);
        p.setBrush(t.ok);
        p.drawRoundedRect(badge, 6, 6);
        drawLine(
            p, badge, QStringLiteral("EOF"), eofFont, t.dark ? QColor(0x0B0E13) : QColor(0xFFFFFF), Qt::AlignCenter);
    }
}

void PipeFigure::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    QPainter& p = *painter;
    p.setRenderHint(QPainter::Antialiasing);
    const Theme& t = theme();
    static const QFont titleFont = stageMono(21, true);
    static const QFont countFont = stageFont(16);
    const PipeGeometry& g = m_geometry;
    drawPanel(p, rect(), t.panel, t.border, 2, highlighted(), 12);
    drawLine(p, g.title, m_title, titleFont, t.text);
    p.setPen(QPen(t.border.darker(120), 2.5));
    p.setBrush(t.tube);
    p.drawRoundedRect(g.tube, 22, 22);
    p.setPen(QPen(t.border, 1.5, Qt::DashLine));
    p.drawLine(QPointF(g.tube.left() + 16, g.tube.center().y()), QPointF(g.tube.right() - 16, g.tube.center().y()));
    paintEnd(p, m_ends[m_leftEnd], g.leftPort, g.leftLabel, true);
    paintEnd(p, m_ends[1 - m_leftEnd], g.rightPort, g.rightLabel, false);
    drawLine(p, g.counts, m_counts, countFont, t.muted, Qt::AlignCenter);
}

} // namespace mpstage::app
