// SPDX-License-Identifier: MIT
#include "stage/object_geometry.h"

#include <algorithm>
#include <cmath>

namespace mpstage::app {

int TokenRow::capacity() const
{
    const qreal pitch = tokenWidth + TOKEN_GAP;
    return std::max(1, static_cast<int>(std::floor((area.width() + TOKEN_GAP) / pitch)));
}

QPointF TokenRow::slot(int i) const
{
    const qreal pitch = tokenWidth + TOKEN_GAP;
    const qreal offset = tokenWidth / 2 + static_cast<qreal>(i) * pitch;
    return { fromRight ? area.right() - offset : area.left() + offset, area.center().y() };
}

// Title band, then the body: buffers | pipe | tray, then the call-outs.
QueueGeometry::QueueGeometry(const QRectF& r, int laneCount, qreal tokenWidth)
    : rect(r)
{
    const qreal pad = 12;
    title = QRectF(r.left() + pad, r.top() + 6, r.width() - 2 * pad, 34);
    const qreal laneHeight = 62;
    const qreal bodyTop = title.bottom() + 6;
    const int n = std::max(1, laneCount);
    const qreal bodyHeight = laneHeight * n;
    const qreal bufferWidth = r.width() * 0.30;
    const qreal feederWidth = std::max<qreal>(r.width() * 0.13, 96);
    const qreal trayWidth = r.width() * 0.25;
    for (int i = 0; i < n; ++i) {
        const QRectF lane(r.left() + pad, bodyTop + laneHeight * i, bufferWidth - pad, laneHeight - 6);
        lanes.push_back(lane);
        laneLabels.emplace_back(lane.left() + 6, lane.top(), lane.width() - 12, 20);
        feeders.emplace_back(lane.right() + 4, lane.top(), feederWidth - 8, lane.height());
        laneTokens.push_back(TokenRow {
            QRectF(lane.left() + 6, lane.top() + 20, lane.width() - 12, lane.height() - 20), tokenWidth, false });
    }
    const qreal tubeLeft = r.left() + bufferWidth + feederWidth + 4;
    const qreal tubeRight = r.right() - trayWidth - 14;
    const qreal centreY = bodyTop + bodyHeight / 2;
    tube = QRectF(tubeLeft, centreY - 26, tubeRight - tubeLeft, 52);
    pipeTokens = TokenRow { tube.adjusted(10, 0, -10, 0), tokenWidth, true };
    pipeLabel = QRectF(tube.left(), tube.bottom() + 2, tube.width(), 24);
    tray = QRectF(
        r.right() - trayWidth, bodyTop, trayWidth - pad, std::max<qreal>(bodyHeight - 6, 2 * (TOKEN_HEIGHT + 6) + 22));
    trayLabel = QRectF(tray.left() + 6, tray.top(), tray.width() - 12, 20);
    const qreal rowHeight = TOKEN_HEIGHT + 6;
    for (qreal y = tray.top() + 22; y + rowHeight <= tray.bottom() + 1; y += rowHeight)
        trayRows.push_back(TokenRow { QRectF(tray.left() + 6, y, tray.width() - 12, rowHeight), tokenWidth, false });
    const qreal below = std::max(pipeLabel.bottom(), std::max(lanes.back().bottom(), tray.bottom())) + 8;
    callouts = QRectF(r.left() + pad, below, r.width() - 2 * pad, r.bottom() - below - 8);
    writerX = tube.left() + 14;
    readerX = tube.right() - 14;
}

int QueueGeometry::trayCapacity() const
{
    int n = 0;
    for (const auto& row : trayRows)
        n += row.capacity();
    return n;
}

QPointF QueueGeometry::traySlot(int i) const
{
    for (const auto& row : trayRows) {
        if (i < row.capacity())
            return row.slot(i);
        i -= row.capacity();
    }
    return trayRows.empty() ? tray.center() : trayRows.back().slot(trayRows.back().capacity() - 1);
}

PipeGeometry::PipeGeometry(const QRectF& r)
    : rect(r)
{
    leftPort = QPointF(r.left() + 42, r.top() + 100);
    rightPort = QPointF(r.right() - 42, r.top() + 100);
    title = QRectF(leftPort.x() + 28, r.top() + 6, rightPort.x() - leftPort.x() - 56, 34);
    tube = QRectF(
        leftPort.x() + portRadius + 10, leftPort.y() - 46, rightPort.x() - leftPort.x() - 2 * portRadius - 20, 92);
    rightward = TokenRow { QRectF(tube.left() + 10, tube.top() + 2, tube.width() - 20, 44), TOKEN_HEIGHT, true };
    leftward = TokenRow { QRectF(tube.left() + 10, tube.center().y() + 2, tube.width() - 20, 44), TOKEN_HEIGHT, false };
    leftLabel = QRectF(leftPort.x() + 24, tube.bottom() + 6, r.center().x() - leftPort.x() - 32, 26);
    rightLabel = QRectF(r.center().x() + 8, tube.bottom() + 6, rightPort.x() - r.center().x() - 32, 26);
    counts = QRectF(leftPort.x() + 24, leftLabel.bottom() + 2, rightPort.x() - leftPort.x() - 48, 24);
}

QPointF PipeGeometry::attach(bool left, bool fromAbove) const
{
    return { left ? leftPort.x() : rightPort.x(), fromAbove ? rect.top() : rect.bottom() };
}

ValueGeometry::ValueGeometry(const QRectF& r, int cellCount, bool array)
    : rect(r)
{
    title = QRectF(r.left() + 12, r.top() + 6, r.width() - 24, 34);
    const qreal top = title.bottom() + 6;
    const qreal room = r.width() - 24;
    // A Value, or an Array whose cells fit in one row, gets big cells; a long Array gets two rows of small ones.
    const bool small = array && cellCount * (112 + 8) > room + 8;
    const qreal cellWidth = small ? 62 : 112;
    const qreal cellHeight = small ? 44 : 58;
    const int perRow = std::max(1, static_cast<int>((room + 6) / (cellWidth + 6)));
    const int fit = small ? 2 * perRow : perRow;
    const int shown = cellCount > fit ? fit - 1 : cellCount;
    for (int i = 0; i < std::max(1, shown + (cellCount > fit ? 1 : 0)); ++i) {
        const QRectF cell(r.left() + 12 + (i % perRow) * (cellWidth + 6),
            top + static_cast<qreal>(i / perRow) * (cellHeight + 6), cellWidth, cellHeight);
        if (i < std::max(1, shown))
            cells.push_back(cell);
        else
            more = cell;
    }
    const qreal cellsBottom = top + (small ? 2 * cellHeight + 6 : cellHeight);
    const qreal lockTop = cellsBottom + 10;
    padlock = QRectF(r.left() + 14, lockTop, 34, 40);
    holder = QRectF(padlock.right() + 10, lockTop, r.width() - 70, 24);
    waiters = QRectF(padlock.right() + 10, lockTop + 24, r.width() - 70, 24);
    lost = QRectF(r.left() + 12, waiters.bottom() + 8, r.width() - 24, r.bottom() - waiters.bottom() - 14);
}

ActorGeometry::ActorGeometry(const QRectF& r, bool compact, bool onRight)
    : rect(r)
    , handlesOnRight(onRight)
{
    header = QRectF(r.left(), r.top(), r.width(), 42);
    state = QRectF(r.left() + 12, header.bottom() + 6, r.width() - 24, compact ? 28 : 52); // two lines may wrap
    code = compact ? QRectF() : QRectF(r.left() + 12, state.bottom() + 2, r.width() - 24, 26);
    const qreal top = (compact ? state.bottom() : code.bottom()) + 6;
    handles = QRectF(r.left() + 8, top, r.width() - 16, r.bottom() - top - 6);
}

std::vector<QRectF> ActorGeometry::chips(const std::vector<qreal>& widths) const
{
    std::vector<QRectF> out;
    const int rows = std::max(1, static_cast<int>((handles.height() + 4) / (CHIP_HEIGHT + 4)));
    qreal used = 0;
    int row = 0;
    for (qreal w : widths) {
        w = std::min(w, handles.width());
        if (used + w > handles.width() + 0.5) {
            if (++row >= rows)
                break;
            used = 0;
        }
        const qreal y = handles.top() + row * (CHIP_HEIGHT + 4);
        const qreal x = handlesOnRight ? handles.right() - used - w : handles.left() + used;
        out.emplace_back(x, y, w, CHIP_HEIGHT);
        used += w + 6;
    }
    return out;
}

} // namespace mpstage::app
