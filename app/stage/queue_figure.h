// SPDX-License-Identifier: MIT
#pragma once
// A multiprocessing Queue drawn as the three parts it really has (CPython queues.py): each producer's local
// buffer with its feeder thread, the OS pipe with the items in flight, and the consumer side with what was
// got. Items are tokens that travel between them; the None sentinel is a stop sign. Below, the last answers
// of empty(), qsize() and full() stand beside what the queue really held when they were given.

#include "model/queue_words.h"
#include "stage/object_figure.h"
#include "stage/object_geometry.h"
#include "stage/sync_context.h"
#include "stage/token_pool.h"

#include <QColor>
#include <QString>

#include <vector>

namespace mpstage::app {

class QueueFigure : public ObjectFigure {
public:
    explicit QueueFigure(mp::telemetry::ObjectId id);

    // The producers whose buffers are shown, one lane each (sticky: a lane stays once it has appeared).
    int lanes(const mp::telemetry::World& world) override;
    void sync(const SyncContext& context) override;
    bool advance(double nowMs) override { return m_tokens.advance(nowMs); }
    // Where a wire to the queue's pipe end arrives: over the pipe's entry (end 1, written by the feeder
    // threads) or its exit (end 0, read by get()), on the top edge for a process above, else the bottom.
    std::optional<QPointF> wirePort(int end, bool fromAbove) const override
    {
        return QPointF { end == 1 ? m_geometry.writerX : m_geometry.readerX,
            fromAbove ? rect().top() : rect().bottom() };
    }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    struct Lane {
        QString label;
        QString feeder;
        QColor colour;
        int more = 0;
    };
    void relayout() override;
    void placeTokens(const SyncContext& context, const mp::telemetry::QueueState& q);
    int laneOf(mp::telemetry::ActorId producer) const;

    std::vector<mp::telemetry::ActorId> m_laneActors;
    QueueGeometry m_geometry { QRectF(0, 0, 400, 236), 1, 36 };
    qreal m_tokenWidth = 36;
    TokenPool m_tokens { this };
    // What paint() shows, refreshed by sync().
    QString m_title;
    QString m_counts;
    QString m_unfinished;
    std::vector<Lane> m_lanes;
    QString m_pipeText;
    int m_pipeMore = 0;
    int m_trayMore = 0;
    std::vector<std::pair<QString, QColor>> m_consumers;
    std::vector<Callout> m_callouts;
    bool m_closed = false;
};

} // namespace mpstage::app
