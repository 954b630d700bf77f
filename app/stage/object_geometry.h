// SPDX-License-Identifier: MIT
#pragma once
// The inside of each stage object, as plain geometry: where a queue's producer buffers, pipe and delivered
// tray are and where the n-th token of each sits; where a Pipe's two ends are; where a process box puts its
// handles. Item coordinates (the object's own rect starts at 0,0). Tested without painting.

#include <QPointF>
#include <QRectF>

#include <vector>

namespace mpstage::app {

inline constexpr qreal TOKEN_HEIGHT = 36;
// A sentinel's stop sign: "None" fits in it, and it overlaps its neighbours in a tray slot only a little.
inline constexpr qreal SENTINEL_WIDTH = TOKEN_HEIGHT + 8;
inline constexpr qreal TOKEN_GAP = 8;

// A row of token slots: capacity() fit; slot(i) is the centre of the i-th.
struct TokenRow {
    QRectF area;
    qreal tokenWidth = TOKEN_HEIGHT;
    bool fromRight = false; // slot 0 at the right end (the pipe: the next item to be read)

    int capacity() const;
    QPointF slot(int i) const;
};

struct QueueGeometry {
    QueueGeometry(const QRectF& rect, int lanes, qreal tokenWidth);

    QRectF rect;
    QRectF title;
    std::vector<QRectF> lanes; // one producer's local buffer each
    std::vector<QRectF> laneLabels;
    std::vector<QRectF> feeders; // each producer's feeder thread, between its buffer and the pipe
    std::vector<TokenRow> laneTokens;
    QRectF tube; // the OS pipe
    TokenRow pipeTokens;
    QRectF pipeLabel;
    QRectF tray; // the consumer side: delivered items
    QRectF trayLabel;
    std::vector<TokenRow> trayRows;
    QRectF callouts; // empty()/qsize()/full() answers
    qreal writerX = 0; // where wires to the pipe's write end arrive (over the pipe's entry)
    qreal readerX = 0; // and to its read end (over its exit)

    int trayCapacity() const;
    QPointF traySlot(int i) const; // newest first, row by row
};

struct PipeGeometry {
    explicit PipeGeometry(const QRectF& rect);

    QRectF rect;
    QRectF title;
    QPointF leftPort;
    QPointF rightPort;
    qreal portRadius = 16;
    QRectF tube;
    TokenRow rightward; // messages travelling from the left end to the right end (upper lane)
    TokenRow leftward; // and back (lower lane)
    QRectF leftLabel;
    QRectF rightLabel;
    QRectF counts;
    // Where a wire from a process above (or below) arrives for the end drawn on the left (or right): the end
    // of the pin that runs through the end's circle to the figure's edge.
    QPointF attach(bool left, bool fromAbove) const;
};

struct ValueGeometry {
    ValueGeometry(const QRectF& rect, int cells, bool array = false);

    QRectF rect;
    QRectF title;
    std::vector<QRectF> cells; // as many as fit (two rows of small cells for a long Array)
    QRectF more; // "+N" when they do not all fit
    QRectF padlock;
    QRectF holder; // beside the padlock
    QRectF waiters;
    QRectF lost;
};

struct ActorGeometry {
    ActorGeometry(const QRectF& rect, bool compact, bool handlesOnRight);

    QRectF rect;
    QRectF header;
    QRectF state; // two lines (one when compact)
    QRectF code; // empty when compact
    QRectF handles; // the row(s) of handle chips
    bool handlesOnRight = true;

    // Chip rects for chips of these widths, laid out toward the handles side, wrapping once; the ones that do
    // not fit are left out (the caller shows "+N").
    std::vector<QRectF> chips(const std::vector<qreal>& widths) const;
};

inline constexpr qreal CHIP_HEIGHT = 30;

} // namespace mpstage::app
