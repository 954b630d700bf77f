// SPDX-License-Identifier: MIT
#pragma once
// A Pipe() as its two ends (connection.py: two Connection objects over one socketpair or pipe), with the
// messages in flight in each direction. Which processes still hold each end open is drawn as wires (see
// WiresItem); here each end says how many copies are open, is struck through once every copy is closed,
// and shows EOF when a reader saw it. The main process's end stands on the left.

#include "stage/object_figure.h"
#include "stage/object_geometry.h"
#include "stage/sync_context.h"
#include "stage/token_pool.h"

#include <QString>

namespace mpstage::app {

class PipeFigure : public ObjectFigure {
public:
    explicit PipeFigure(mp::telemetry::ObjectId id);

    int leftEnd() const { return m_leftEnd; }
    QPointF port(int end) const { return end == m_leftEnd ? m_geometry.leftPort : m_geometry.rightPort; }
    std::optional<QPointF> wirePort(int end, bool fromAbove) const override
    {
        return m_geometry.attach(end == m_leftEnd, fromAbove);
    }
    void sync(const SyncContext& context) override;
    bool advance(double nowMs) override { return m_tokens.advance(nowMs); }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    struct End {
        QString label;
        QString state;
        bool closed = false; // no process holds it any more
        bool eof = false;
        bool highlighted = false;
    };
    void relayout() override;
    void chooseLeftEnd(const mp::telemetry::World& world);
    void paintEnd(QPainter& p, const End& end, QPointF port, const QRectF& label, bool left) const;

    int m_leftEnd = 1;
    bool m_leftEndChosen = false; // the main process decided it
    PipeGeometry m_geometry { QRectF(0, 0, 400, 196) };
    TokenPool m_tokens { this };
    QString m_title;
    QString m_counts;
    End m_ends[2];
};

} // namespace mpstage::app
