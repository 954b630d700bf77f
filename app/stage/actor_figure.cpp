// SPDX-License-Identifier: MIT
#include "stage/actor_figure.h"
#include "look/theme.h"
#include "stage/paint_kit.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace mpstage::app {

namespace {

const QFont& nameFont()
{
    static const QFont f = stageFont(24, true);
    return f;
}
const QFont& stateFont()
{
    static const QFont f = stageFont(19, true);
    return f;
}
const QFont& smallFont()
{
    static const QFont f = stageFont(17);
    return f;
}
const QFont& pidFont()
{
    static const QFont f = stageFont(16);
    return f;
}
const QFont& codeFont()
{
    static const QFont f = stageMono(17);
    return f;
}
const QFont& chipFont()
{
    static const QFont f = stageFont(17, true);
    return f;
}
const QFont& endFont()
{
    static const QFont f = stageFont(16, true);
    return f;
}

QColor moodColour(ActorMood mood)
{
    const Theme& t = theme();
    switch (mood) {
    case ActorMood::Running:
        return t.ok;
    case ActorMood::Blocked:
        return t.warn;
    case ActorMood::Gate:
        return t.accent;
    case ActorMood::Failed:
        return t.bad;
    default:
        return t.muted;
    }
}

void drawMoodIcon(QPainter& p, const QPointF& c, ActorMood mood, const QColor& colour)
{
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    const qreal r = 7;
    if (mood == ActorMood::Gate) {
        p.drawRect(QRectF(c.x() - r, c.y() - r, r * 0.75, 2 * r));
        p.drawRect(QRectF(c.x() + r * 0.25, c.y() - r, r * 0.75, 2 * r));
    } else if (mood == ActorMood::Blocked) {
        p.setPen(QPen(colour, 2.5));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(c, r, r);
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawPie(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), 90 * 16, 180 * 16);
    } else if (mood == ActorMood::Done) {
        p.setPen(QPen(colour, 3, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(c.x() - r, c.y()), QPointF(c.x() - 2, c.y() + r * 0.8));
        p.drawLine(QPointF(c.x() - 2, c.y() + r * 0.8), QPointF(c.x() + r, c.y() - r));
    } else if (mood == ActorMood::Failed) {
        p.setPen(QPen(colour, 3, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(c + QPointF(-r, -r), c + QPointF(r, r));
        p.drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
    } else {
        p.drawEllipse(c, r, r);
    }
}

} // namespace

ActorFigure::ActorFigure(mp::telemetry::ActorId id)
    : m_actor(id)
{
    setAcceptedMouseButtons(Qt::LeftButton);
    setCursor(QCursor(Qt::PointingHandCursor));
    setZValue(2);
}

void ActorFigure::setLayout(const QRectF& rect, bool compact, bool above)
{
    const bool changed = compact != m_compact || above != m_above;
    m_compact = compact;
    m_above = above;
    setRect(rect);
    if (changed)
        relayout();
}

void ActorFigure::relayout()
{
    m_geometry = ActorGeometry(rect(), m_compact, false);
    std::vector<qreal> widths;
    for (const ActorChip& chip : m_card.chips) {
        qreal w = textWidth(chipFont(), chip.name) + 20;
        for (const ChipEnd& e : chip.ends)
            w += textWidth(endFont(), e.label) + 16 + 4;
        widths.push_back(w);
    }
    m_chips = m_geometry.chips(widths);
    update();
}

void ActorFigure::setCard(ActorCard card)
{
    if (card == m_card)
        return;
    auto shape = [](const ActorChip& c) {
        QString s = c.name;
        for (const ChipEnd& e : c.ends)
            s += QLatin1Char('|') + e.label;
        return s;
    };
    const bool chipsChanged = card.chips.size() != m_card.chips.size()
        || !std::equal(card.chips.begin(), card.chips.end(), m_card.chips.begin(),
            [&](const ActorChip& a, const ActorChip& b) { return shape(a) == shape(b); });
    m_card = std::move(card);
    if (chipsChanged)
        relayout();
    update();
}

void ActorFigure::setChosen(bool chosen)
{
    if (chosen != m_chosen) {
        m_chosen = chosen;
        update();
    }
}

std::vector<QRectF> ActorFigure::endBoxes(std::size_t chip) const
{
    std::vector<QRectF> out;
    const QRectF& c = m_chips[chip];
    qreal x = c.left() + 10 + textWidth(chipFont(), m_card.chips[chip].name) + 6;
    for (const ChipEnd& e : m_card.chips[chip].ends) {
        const qreal w = textWidth(endFont(), e.label) + 16;
        out.emplace_back(x, c.top() + 4, w, c.height() - 8);
        x += w + 4;
    }
    return out;
}

std::optional<QPointF> ActorFigure::chipAnchor(mp::telemetry::ObjectId object, int end) const
{
    for (std::size_t i = 0; i < m_chips.size() && i < m_card.chips.size(); ++i) {
        if (m_card.chips[i].object != object)
            continue;
        const auto boxes = endBoxes(i);
        for (std::size_t k = 0; k < boxes.size(); ++k)
            if (m_card.chips[i].ends[k].end == end)
                return QPointF(boxes[k].center().x(), m_above ? m_chips[i].bottom() : rect().top());
    }
    return std::nullopt;
}

QPointF ActorFigure::anchor() const
{
    const QRectF r = rect();
    return { r.center().x(), m_above ? r.bottom() : r.top() };
}

void ActorFigure::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    QPainter& p = *painter;
    p.setRenderHint(QPainter::Antialiasing);
    const Theme& t = theme();
    const QColor colour = t.actor(m_actor);
    const QRectF r = rect();
    const bool gone = m_card.mood == ActorMood::Done || m_card.mood == ActorMood::Failed;
    if (m_chosen) {
        p.setPen(QPen(colour, 3, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(r.adjusted(-7, -7, 7, 7), 14, 14);
    }
    drawPanel(p, r, gone ? t.window : t.box, colour, m_chosen ? 4.5 : 3, highlighted(), 10);

    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRoundedRect(m_geometry.header, 10, 10);
    p.drawRect(m_geometry.header.adjusted(0, 14, 0, 0));
    const QColor onColour = t.dark ? QColor(0x0B0E13) : QColor(0xFFFFFF);
    // The name first; the pid takes what room is left ("pid 4812", else just "4812", else nothing).
    const QRectF headText = m_geometry.header.adjusted(12, 0, -10, 0);
    const qreal nameWidth = std::min(textWidth(nameFont(), m_card.name), headText.width());
    const qreal room = headText.width() - nameWidth - 10;
    QString pid = m_card.pid;
    if (textWidth(pidFont(), pid) > room)
        pid = pid.mid(4);
    if (textWidth(pidFont(), pid) > room)
        pid.clear();
    drawLine(p, headText, m_card.name, nameFont(), onColour);
    if (!pid.isEmpty())
        drawLine(p, headText, pid, pidFont(), onColour, Qt::AlignRight | Qt::AlignVCenter);

    const QColor mood = moodColour(m_card.mood);
    const QRectF state = m_geometry.state;
    drawMoodIcon(p, QPointF(state.left() + 8, state.top() + 14), m_card.mood, mood);
    const QRectF stateText = state.adjusted(24, 0, 0, 0);
    const bool oneLine = m_compact || QFontMetricsF(stateFont()).horizontalAdvance(m_card.state) <= stateText.width();
    const qreal sinceRoom = m_compact && !m_card.since.isEmpty() ? textWidth(smallFont(), m_card.since) + 10 : 0;
    if (oneLine) {
        drawLine(p, QRectF(stateText.left(), stateText.top(), stateText.width() - sinceRoom, 28), m_card.state,
            stateFont(), mood);
    } else { // wrap onto a second line rather than cut it
        p.setFont(stateFont());
        p.setPen(mood);
        p.drawText(stateText, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_card.state);
    }
    // How long it has waited, at the right of the line under the state.
    QRectF code = m_geometry.code;
    if (oneLine && !code.isEmpty())
        code.moveTop(state.top() + 30); // no second line of state: the listing line moves up
    const QRectF last = code.isEmpty() ? state : code;
    const qreal sinceWidth = m_card.since.isEmpty() ? 0 : textWidth(smallFont(), m_card.since) + 10;
    if (sinceWidth > 0)
        drawLine(p, last, m_card.since, smallFont(), t.muted, Qt::AlignRight | Qt::AlignVCenter);
    if (!code.isEmpty())
        drawLine(p, code.adjusted(0, 0, -sinceWidth, 0), m_card.code, codeFont(), t.muted);

    for (std::size_t i = 0; i < m_chips.size() && i < m_card.chips.size(); ++i) {
        const ActorChip& chip = m_card.chips[i];
        p.setPen(QPen(colour, 2));
        p.setBrush(t.tint(colour, 30));
        p.drawRoundedRect(m_chips[i], 8, 8);
        drawLine(p, m_chips[i].adjusted(10, 0, 0, 0), chip.name, chipFont(), t.text);
        const auto boxes = endBoxes(i);
        for (std::size_t k = 0; k < boxes.size(); ++k) {
            const ChipEnd& e = chip.ends[k];
            const QColor border = e.highlighted ? t.bad : e.waited ? t.warn : e.closed ? t.closed : colour;
            p.setPen(QPen(border, e.highlighted ? 3 : 2, e.closed ? Qt::DashLine : Qt::SolidLine));
            p.setBrush(e.closed ? t.window : e.highlighted ? t.tint(t.bad, 60) : colour);
            p.drawRoundedRect(boxes[k], 5, 5);
            const QColor text = e.closed ? t.muted
                : e.highlighted          ? t.text
                                         : (t.dark ? QColor(0x0B0E13) : QColor(0xFFFFFF));
            drawLine(p, boxes[k], e.label, endFont(), text, Qt::AlignCenter, e.closed);
        }
    }
    if (m_chips.size() < m_card.chips.size()) {
        const QString more = QStringLiteral("+%1").arg(m_card.chips.size() - m_chips.size());
        drawLine(p, m_geometry.handles, more, chipFont(), t.muted, Qt::AlignRight | Qt::AlignBottom);
    }
}

} // namespace mpstage::app
