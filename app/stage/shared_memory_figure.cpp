// SPDX-License-Identifier: MIT
#include "stage/shared_memory_figure.h"
#include "look/theme.h"
#include "model/shared_words.h"
#include "stage/paint_kit.h"

#include <QPainter>

namespace mpstage::app {

using namespace mp::telemetry;

SharedMemoryFigure::SharedMemoryFigure(ObjectId id)
    : ObjectFigure(id)
{
}

void SharedMemoryFigure::sync(const SyncContext& c)
{
    if (!c.world.object(object()))
        return;
    const SharedMemoryWords w = sharedMemoryWords(c.world, object());
    m_title = QString::fromStdString(w.title);
    m_size = QString::fromStdString(w.size);
    m_creator = QString::fromStdString(w.creatorName);
    m_creatorColour = w.creator ? theme().actor(w.creator) : theme().muted;
    m_unseen = QString::fromStdString(w.unseen);
    setHighlighted(c.highlights.objects.count(object()) > 0);
    update();
}

void SharedMemoryFigure::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    QPainter& p = *painter;
    p.setRenderHint(QPainter::Antialiasing);
    const Theme& t = theme();
    static const QFont titleFont = stageMono(21, true);
    static const QFont text = stageFont(17);
    static const QFont bold = stageFont(17, true);
    static const QFont small = stageFont(16);
    const QRectF r = rect();
    drawPanel(p, r, t.panel, t.border, 2, highlighted(), 12);
    drawLine(p, QRectF(r.left() + 12, r.top() + 6, r.width() - 24, 34), m_title, titleFont, t.text);

    // The block: one bar for its bytes, with its size in it, and who made it beside.
    QRectF row(r.left() + 14, r.top() + 46, r.width() - 28, 30);
    const QRectF bar(row.left(), row.top(), std::min<qreal>(200, row.width() / 3), row.height());
    p.setPen(QPen(m_creatorColour, 2));
    p.setBrush(t.box);
    p.drawRoundedRect(bar, 6, 6);
    drawLine(p, bar, m_size, bold, t.text, Qt::AlignCenter);
    row.setLeft(bar.right() + 12);
    if (!m_creator.isEmpty()) {
        row.setLeft(row.left() + drawLine(p, row, QStringLiteral("created by"), text, t.muted) + 6);
        drawLine(p, row, m_creator, bold, m_creatorColour);
    }
    p.setFont(small); // two lines rather than cut
    p.setPen(t.muted);
    p.drawText(QRectF(r.left() + 14, r.top() + 84, r.width() - 28, r.height() - 90),
        Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_unseen);
}

} // namespace mpstage::app
