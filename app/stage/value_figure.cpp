// SPDX-License-Identifier: MIT
#include "stage/value_figure.h"
#include "look/theme.h"
#include "model/shared_words.h"
#include "model/wording.h"
#include "stage/object_geometry.h"
#include "stage/paint_kit.h"

#include <QPainter>

namespace mpstage::app {

using namespace mp::telemetry;

qreal drawWords(
    QPainter& p, QRectF r, const std::vector<std::pair<QString, QColor>>& words, const QFont& font, const QFont& bold)
{
    const qreal left = r.left();
    for (std::size_t i = 0; i < words.size() && r.width() > 12; ++i) {
        const bool isName = i % 2 == 1;
        r.setLeft(r.left() + drawLine(p, r, words[i].first, isName ? bold : font, words[i].second) + 4);
    }
    return r.left() - left;
}

ValueFigure::ValueFigure(ObjectId id)
    : ObjectFigure(id)
{
}

void ValueFigure::sync(const SyncContext& c)
{
    const Theme& t = theme();
    const ObjectInfo* info = c.world.object(object());
    const ValueState* value = c.world.value(object());
    if (!info)
        return;
    m_title = QString::fromStdString(c.world.objectName(object())) + QStringLiteral("  ·  ")
        + QString::fromLatin1(objectKindName(info->kind));
    m_cells.clear();
    std::int64_t last = 0;
    if (value) {
        for (const auto& [index, cell] : value->cells()) {
            last = std::max(last, index);
            m_cells.push_back(Cell { QString::fromStdString(cell.repr), QStringLiteral("v%1").arg(cell.version),
                cell.writer ? t.actor(cell.writer) : t.muted });
        }
    }
    // How many writes the cells' vN count (not the reads and writes reported, which miss what was read without
    // an event and count the initial contents).
    m_counts = QString::fromStdString(valueWritesWords(value, info->kind == ObjectKind::Array));
    m_cellCount = std::max<int>(1, static_cast<int>(last + 1));
    m_array = info->kind == ObjectKind::Array;

    const ObjectId lockId { static_cast<std::uint32_t>(info->parameter) };
    const LockState* lock = lockId ? c.world.lock(lockId) : nullptr;
    m_locked = lock && lock->holder();
    m_lockHighlighted = c.highlights.objects.count(lockId) > 0;
    m_holder.clear();
    m_waiters.clear();
    if (!lock || !lock->holder()) {
        m_holder.push_back({ lockId ? QStringLiteral("lock free") : QStringLiteral("no lock (a raw value)"), t.muted });
    } else {
        m_holder.push_back({ QStringLiteral("held by"), t.muted });
        m_holder.push_back({ QString::fromStdString(c.world.actorName(lock->holder())), t.actor(lock->holder()) });
        if (c.nowNs > lock->heldSinceNs())
            m_holder.push_back({ QString::fromStdString(durationWords(c.nowNs - lock->heldSinceNs())), t.muted });
    }
    if (lock && !lock->waiters().empty()) {
        m_waiters.push_back({ QStringLiteral("waiting:"), t.muted });
        for (const LockWaiter& w : lock->waiters()) {
            m_waiters.push_back({ QString::fromStdString(c.world.actorName(w.actor)), t.actor(w.actor) });
            m_waiters.push_back(
                { c.nowNs > w.sinceNs ? QString::fromStdString(durationWords(c.nowNs - w.sinceNs)) : QString(),
                    t.muted });
        }
    }
    m_window.clear();
    if (value) {
        for (const Actor* a : c.world.actors()) {
            if (!a->live())
                continue;
            for (const auto& [index, cell] : value->cells())
                if (const auto read = value->pendingRead(a->id, index)) {
                    if (m_window.empty())
                        m_window.push_back({ QStringLiteral("read, not yet written back:"), t.muted });
                    m_window.push_back({ QString::fromStdString(a->name), t.actor(a->id) });
                    m_window.push_back({ QStringLiteral("(read v%1)").arg(*read), t.muted });
                }
        }
    }
    const std::uint64_t lost = value ? value->lostWrites() : 0;
    m_hasLost = lost > 0;
    m_lastLost.clear();
    if (value && value->lastLost()) {
        const LostUpdate& l = *value->lastLost();
        m_lost = lost == 1 ? QStringLiteral("1 write overwrote another process's update")
                           : QStringLiteral("%1 writes overwrote other processes' updates").arg(lost);
        m_lastLost = QStringLiteral(
            "last: %1 read %2 and wrote %3 as version %4 instead of %5, so %6 updates by others were lost")
                         .arg(QString::fromStdString(c.world.actorName(l.actor)), QString::fromStdString(l.readRepr),
                             QString::fromStdString(l.writtenRepr))
                         .arg(l.writtenVersion)
                         .arg(l.expectedVersion())
                         .arg(l.updatesLost());
    } else {
        m_lost = value && value->writes() ? QStringLiteral("no update lost so far") : QString();
    }
    setHighlighted(c.highlights.objects.count(object()) > 0);
    update();
}

void ValueFigure::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    QPainter& p = *painter;
    p.setRenderHint(QPainter::Antialiasing);
    const Theme& t = theme();
    static const QFont titleFont = stageMono(21, true);
    static const QFont cellFont = stageMono(26, true);
    static const QFont small = stageFont(16);
    static const QFont text = stageFont(17);
    static const QFont bold = stageFont(17, true);
    const ValueGeometry g(rect(), m_cellCount, m_array);
    drawPanel(p, rect(), t.panel, t.border, 2, highlighted(), 12);
    const qreal countsWidth = textWidth(text, m_counts) + 8;
    drawLine(p, g.title.adjusted(0, 0, -countsWidth, 0), m_title, titleFont, t.text);
    drawLine(p, g.title, m_counts, text, t.muted, Qt::AlignRight | Qt::AlignVCenter);

    for (std::size_t i = 0; i < g.cells.size(); ++i) {
        const QRectF& r = g.cells[i];
        const Cell* cell = i < m_cells.size() ? &m_cells[i] : nullptr;
        p.setPen(QPen(cell ? cell->writer : t.border, 3));
        p.setBrush(t.box);
        p.drawRoundedRect(r, 6, 6);
        const bool tiny = r.height() < 50;
        drawLine(p, r.adjusted(4, 0, -4, tiny ? 0 : -12), cell ? cell->text : QStringLiteral("?"),
            tiny ? stageMono(20, true) : cellFont, t.text, Qt::AlignCenter);
        if (cell && !tiny)
            drawLine(p, r.adjusted(6, 0, -6, -2), cell->version, small, t.muted, Qt::AlignRight | Qt::AlignBottom);
    }
    if (!g.more.isEmpty())
        drawLine(p, g.more, QStringLiteral("+%1").arg(m_cellCount - static_cast<int>(g.cells.size())), bold, t.muted,
            Qt::AlignCenter);

    if (m_lockHighlighted)
        drawHighlightGlow(p, g.padlock.adjusted(-6, -6, 6, 6), 8);
    drawPadlock(p, g.padlock, m_locked ? t.warn : t.closed, m_locked);
    auto words = [](const std::vector<Named>& named) {
        std::vector<std::pair<QString, QColor>> out;
        for (const Named& n : named)
            out.emplace_back(n.text, n.colour);
        return out;
    };
    drawWords(p, g.holder, words(m_holder), text, bold);
    drawWords(p, g.waiters, words(m_waiters), text, bold);

    QRectF lost = g.lost;
    if (!m_window.empty()) {
        drawWords(p, QRectF(lost.left(), lost.top(), lost.width(), 24), words(m_window), text, bold);
        lost.setTop(lost.top() + 26);
    }
    if (m_lost.isEmpty())
        return;
    if (!m_hasLost) {
        drawLine(p, QRectF(lost.left(), lost.top(), lost.width(), 24), m_lost, bold, t.ok);
        return;
    }
    const QRectF band(lost.left(), lost.top(), lost.width(), std::min<qreal>(lost.height(), 80));
    p.setPen(QPen(t.bad, 2.5));
    p.setBrush(t.tint(t.bad, 30));
    p.drawRoundedRect(band, 8, 8);
    drawLine(p, QRectF(band.left() + 10, band.top() + 2, band.width() - 20, 28), QStringLiteral("⚠ ") + m_lost,
        stageFont(19, true), t.bad);
    p.setFont(text);
    p.setPen(t.text);
    p.drawText(band.adjusted(10, 30, -10, -2), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_lastLost);
}

} // namespace mpstage::app
