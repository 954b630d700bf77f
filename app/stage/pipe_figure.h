// SPDX-License-Identifier: MIT
#pragma once
// A Pipe() as its two ends (connection.py: two Connection objects over one socketpair or pipe), with the
// messages in flight in each direction. Which processes still hold each end open is drawn as wires (see
// WiresItem); here each end says how many copies are open, is struck through once every copy is closed,
// and shows EOF when a reader saw it. End 1 stands on the left unless the main process uses end 0.

#include "stage/object_geometry.h"
#include "stage/stage_item.h"
#include "stage/sync_context.h"
#include "stage/token_pool.h"

#include <QString>

namespace mpstage::app {

class PipeFigure : public StageItem {
public:
    enum { Type = PipeItemType };
    explicit PipeFigure(mp::telemetry::ObjectId id);
    int type() const override { return Type; }

    mp::telemetry::ObjectId object() const { return m_object; }
    int leftEnd() const { return m_leftEnd; }
    void setLeftEnd(int end);
    QPointF port(int end) const { return end == m_leftEnd ? m_geometry.leftPort : m_geometry.rightPort; }
    QPointF attach(int end, bool fromAbove) const { return m_geometry.attach(end == m_leftEnd, fromAbove); }
    void sync(const SyncContext& context);
    bool advance(double nowMs) { return m_tokens.advance(nowMs); }

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
    void paintEnd(QPainter& p, const End& end, QPointF port, const QRectF& label, bool left) const;

    mp::telemetry::ObjectId m_object;
    int m_leftEnd = 1;
    PipeGeometry m_geometry { QRectF(0, 0, 400, 196) };
    TokenPool m_tokens { this };
    QString m_title;
    QString m_counts;
    End m_ends[2];
};

} // namespace mpstage::app
