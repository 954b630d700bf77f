// SPDX-License-Identifier: MIT
#include "timeline/timeline_view.h"
#include "look/theme.h"
#include "model/wording.h"
#include "run/run_controller.h"
#include "timeline/scrubber.h"
#include "ui/listing_model.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace mpstage::app {

using timeline::Lane;
using timeline::MarkKind;
using timeline::SpanKind;

namespace {
constexpr int RIGHT_PAD = 14;
constexpr int MAX_SHOWN_LANES = 6;

QString timeLabel(double ns, double step)
{
    if (step >= 1e9)
        return QString::number(ns / 1e9, 'f', 0) + QStringLiteral(" s");
    if (step >= 1e8)
        return QString::number(ns / 1e9, 'f', 1) + QStringLiteral(" s");
    if (step >= 1e6)
        return QString::number(ns / 1e6, 'f', 0) + QStringLiteral(" ms");
    return QString::number(ns / 1e6, 'f', 2) + QStringLiteral(" ms");
}

double niceStep(double range, int wanted)
{
    const double raw = range / std::max(wanted, 1);
    const double power = std::pow(10.0, std::floor(std::log10(std::max(raw, 1.0))));
    for (double m : { 1.0, 2.0, 5.0, 10.0 })
        if (m * power >= raw)
            return m * power;
    return 10 * power;
}

void drawMark(QPainter& p, MarkKind kind, double x, double mid, double r, const QColor& colour)
{
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    QPainterPath path;
    switch (kind) {
    case MarkKind::Put: // ▲ above the middle
        path.moveTo(x, mid - 2 * r);
        path.lineTo(x - r, mid - 0.3 * r);
        path.lineTo(x + r, mid - 0.3 * r);
        break;
    case MarkKind::Get: // ▼ below
        path.moveTo(x, mid + 2 * r);
        path.lineTo(x - r, mid + 0.3 * r);
        path.lineTo(x + r, mid + 0.3 * r);
        break;
    case MarkKind::Send: // ▸ above
        path.moveTo(x + r, mid - r);
        path.lineTo(x - r * 0.6, mid - 2 * r);
        path.lineTo(x - r * 0.6, mid);
        break;
    case MarkKind::Recv: // ◂ below
        path.moveTo(x - r, mid + r);
        path.lineTo(x + r * 0.6, mid);
        path.lineTo(x + r * 0.6, mid + 2 * r);
        break;
    case MarkKind::Eof: // ○
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(colour, 2));
        p.drawEllipse(QPointF(x, mid), r, r);
        return;
    case MarkKind::Grant: // ◆
        path.moveTo(x, mid - r);
        path.lineTo(x + r, mid);
        path.lineTo(x, mid + r);
        path.lineTo(x - r, mid);
        break;
    case MarkKind::Hang: // a bar across the lane
        p.drawRect(QRectF(x - 2, mid - 2.4 * r, 4, 4.8 * r));
        return;
    }
    path.closeSubpath();
    p.drawPath(path);
}

} // namespace

TimelineView::TimelineView(const RunController& controller, Scrubber& scrubber, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_scrubber(scrubber)
{
    setObjectName(QStringLiteral("timeline"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setCursor(Qt::PointingHandCursor);
    setToolTip(QStringLiteral("Press or drag to look back at any instant of the run"));
}

int TimelineView::laneHeight() const
{
    // roomy for two or three processes, tighter for more, so the stage keeps its height
    return fontMetrics().height() + (laneCount() > 3 ? 2 : 12);
}

int TimelineView::gutter() const
{
    return fontMetrics().horizontalAdvance(QStringLiteral("Process-10")) + 16;
}

int TimelineView::axisHeight() const
{
    return fontMetrics().height() + 8;
}

int TimelineView::laneCount() const
{
    return std::max<int>(1, static_cast<int>(m_controller.record().lanes.lanes().size()));
}

QSize TimelineView::sizeHint() const
{
    return { 600, std::min(laneCount(), MAX_SHOWN_LANES) * laneHeight() + axisHeight() + 4 };
}

QSize TimelineView::minimumSizeHint() const
{
    return { 200, laneHeight() + axisHeight() + 4 };
}

void TimelineView::refreshGeometry()
{
    if (height() != sizeHint().height())
        updateGeometry();
    update();
}

double TimelineView::span() const
{
    return std::max<double>(static_cast<double>(m_controller.record().lanes.duration()), 1e6);
}

TimelineView::Scale TimelineView::scale() const
{
    return Scale { static_cast<double>(gutter()), static_cast<double>(std::max(1, width() - gutter() - RIGHT_PAD)),
        span() };
}

double TimelineView::xOf(std::uint64_t ns) const
{
    return scale().x(ns);
}

std::uint64_t TimelineView::timeAt(double x) const
{
    const Scale s = scale();
    const double f = std::clamp((x - s.left) / s.width, 0.0, 1.0);
    return static_cast<std::uint64_t>(f * s.span);
}

void TimelineView::paintEvent(QPaintEvent*)
{
    const Scale sc = scale();
    const int gutterWidth = static_cast<int>(sc.left);
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const Theme& t = theme();
    p.fillRect(rect(), t.stage);
    const auto& lanes = m_controller.record().lanes;
    const int lh = laneHeight();
    const int shown = std::min<int>(static_cast<int>(lanes.lanes().size()), MAX_SHOWN_LANES);
    const double r = std::max(3.0, lh / 7.0);
    const double right = width() - RIGHT_PAD;
    p.setFont(font());

    if (lanes.lanes().empty()) {
        p.setPen(t.muted);
        p.drawText(rect().adjusted(gutterWidth, 0, 0, -axisHeight()), Qt::AlignVCenter | Qt::AlignLeft,
            QStringLiteral("The timeline fills as the run goes."));
    }
    for (int i = 0; i < shown; ++i) {
        const Lane& lane = lanes.lanes()[static_cast<std::size_t>(i)];
        const QColor colour = t.actor(lane.actor);
        const double top = 2 + i * lh;
        const double mid = top + lh / 2.0;
        p.setPen(colour.darker(115));
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(QRectF(6, top, gutterWidth - 10, lh), Qt::AlignVCenter | Qt::AlignLeft,
            QString::fromStdString(shortActorName(lane.name)));
        p.setFont(font());
        // alive: a band in the process's colour
        const double from = sc.x(lane.started);
        const double to = lane.exited ? sc.x(lane.exited) : right;
        p.setPen(Qt::NoPen);
        p.setBrush(t.tint(colour, 70));
        p.drawRoundedRect(QRectF(from, top + lh * 0.22, std::max(2.0, to - from), lh * 0.56), 3, 3);
        // blocked and at-gate spans, and the locks it held, at most one per pixel column of each kind
        double lastX[3] = { -1e9, -1e9, -1e9 };
        for (const auto& s : lane.spans) {
            const int kind = static_cast<int>(s.kind);
            const double x0 = sc.x(s.from);
            const double x1 = s.to ? sc.x(s.to) : to;
            if (x1 < lastX[kind] + 1)
                continue;
            lastX[kind] = x1;
            if (s.kind == SpanKind::Holding) { // a strip along the bottom of the lane
                p.setBrush(t.accent);
                p.drawRect(QRectF(x0, top + lh * 0.78, std::max(1.5, x1 - x0), lh * 0.14));
                continue;
            }
            QColor fill = s.kind == SpanKind::Blocked ? t.bad : t.warn;
            fill.setAlpha(s.kind == SpanKind::Blocked ? 150 : 190);
            p.setBrush(fill);
            const double h = s.kind == SpanKind::Blocked ? lh * 0.56 : lh * 0.30;
            p.drawRect(QRectF(x0, mid - h / 2, std::max(1.5, x1 - x0), h));
        }
        // marks, at most one of each kind per pixel column
        double lastMark[7];
        std::fill(std::begin(lastMark), std::end(lastMark), -1e9);
        const QColor markColour = t.dark ? t.text : colour.darker(160);
        for (const auto& m : lane.marks) {
            const double x = sc.x(m.at);
            double& last = lastMark[static_cast<int>(m.kind)];
            if (x - last < 2 * r * 0.8 && m.kind != MarkKind::Hang)
                continue;
            last = x;
            drawMark(p, m.kind, x, mid, r,
                m.kind == MarkKind::Hang        ? t.bad
                    : m.kind == MarkKind::Grant ? t.accent
                                                : markColour);
        }
    }
    if (static_cast<int>(lanes.lanes().size()) > shown) {
        p.setPen(t.muted);
        p.drawText(QRectF(gutterWidth, 2 + (shown - 1) * lh, right - gutterWidth, lh), Qt::AlignRight | Qt::AlignBottom,
            QStringLiteral("+%1 more").arg(lanes.lanes().size() - static_cast<std::size_t>(shown)));
    }

    // the axis
    const double axisTop = 2 + std::max(shown, 1) * lh;
    p.setPen(QPen(t.border, 1));
    p.drawLine(QPointF(gutterWidth, axisTop), QPointF(right, axisTop));
    const double step = niceStep(sc.span, std::max(2, (width() - gutterWidth) / 110));
    p.setPen(t.muted);
    for (double ns = 0; ns <= sc.span + 1; ns += step) {
        const double x = sc.x(static_cast<std::uint64_t>(ns));
        p.drawLine(QPointF(x, axisTop), QPointF(x, axisTop + 4));
        const QString label = timeLabel(ns, step);
        const int w = fontMetrics().horizontalAdvance(label);
        p.drawText(QPointF(std::min(x - w / 2.0, right - w), axisTop + fontMetrics().ascent() + 5), label);
    }

    // the cursor: the instant the stage shows
    const double cx = sc.x(m_scrubber.cursorTime());
    QColor cursor = m_scrubber.looking() ? t.accent : t.muted;
    p.setPen(QPen(cursor, m_scrubber.looking() ? 3 : 1.5, m_scrubber.looking() ? Qt::SolidLine : Qt::DashLine));
    p.drawLine(QPointF(cx, 0), QPointF(cx, axisTop));
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_controller.record().history.size() == 0)
        return;
    m_scrubber.stopPlaying();
    m_scrubber.scrubToTime(timeAt(event->position().x()));
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton) || m_controller.record().history.size() == 0)
        return;
    m_scrubber.scrubToTime(timeAt(event->position().x()));
}

} // namespace mpstage::app
