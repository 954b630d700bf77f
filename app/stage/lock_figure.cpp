// SPDX-License-Identifier: MIT
#include "stage/lock_figure.h"
#include "look/theme.h"
#include "model/wording.h"
#include "stage/paint_kit.h"
#include "stage/value_figure.h"

#include <QPainter>

namespace mpstage::app {

using namespace mp::telemetry;

LockFigure::LockFigure(ObjectId id)
    : ObjectFigure(id)
{
}

void LockFigure::sync(const SyncContext& c)
{
    const Theme& t = theme();
    const ObjectInfo* info = c.world.object(object());
    if (!info)
        return;
    m_title = QString::fromStdString(c.world.objectName(object())) + QStringLiteral("  ·  ")
        + QString::fromLatin1(objectKindName(info->kind)) + QStringLiteral("()");
    const LockState* lock = c.world.lock(object());
    m_lockLike = lock != nullptr || info->kind == ObjectKind::Lock || info->kind == ObjectKind::RLock
        || info->kind == ObjectKind::Semaphore || info->kind == ObjectKind::BoundedSemaphore;
    m_holder.clear();
    m_waiters.clear();
    m_locked = false;
    m_stats.clear();
    if (lock) {
        const bool semaphore = info->kind == ObjectKind::Semaphore || info->kind == ObjectKind::BoundedSemaphore;
        if (semaphore) {
            const auto held = lock->heldBy();
            m_locked = !held.empty();
            m_holder.emplace_back(
                held.empty() ? QStringLiteral("nobody holds it") : QStringLiteral("held by"), t.muted);
            for (const auto& [actor, n] : held) {
                m_holder.emplace_back(QString::fromStdString(c.world.actorName(actor)), t.actor(actor));
                m_holder.emplace_back(QStringLiteral("×%1").arg(n), t.muted);
            }
        } else if (lock->holder()) {
            m_locked = true;
            m_holder.emplace_back(QStringLiteral("held by"), t.muted);
            m_holder.emplace_back(QString::fromStdString(c.world.actorName(lock->holder())), t.actor(lock->holder()));
            if (lock->depth() > 1)
                m_holder.emplace_back(QStringLiteral("(%1 deep)").arg(lock->depth()), t.muted);
        } else {
            m_holder.emplace_back(QStringLiteral("free"), t.muted);
        }
        if (lock->holderDiedPid())
            m_holder.emplace_back(
                QStringLiteral("— its holder (pid %1) died holding it").arg(lock->holderDiedPid()), t.bad);
        m_stats = QStringLiteral("acquired %1 times · longest wait %2")
                      .arg(lock->acquisitions())
                      .arg(QString::fromStdString(durationWords(lock->waitTimes().maxNs)));
    }
    if (lock && !lock->waiters().empty()) {
        m_waiters.emplace_back(QStringLiteral("waiting:"), t.muted);
        for (const LockWaiter& w : lock->waiters()) {
            m_waiters.emplace_back(QString::fromStdString(c.world.actorName(w.actor)), t.actor(w.actor));
            m_waiters.emplace_back(
                c.nowNs > w.sinceNs ? QString::fromStdString(durationWords(c.nowNs - w.sinceNs)) : QString(), t.muted);
        }
    } else {
        for (const Actor* a : c.world.actors())
            if (a->live() && a->status == ActorStatus::Blocked && a->blocked.object == object()) {
                if (m_waiters.empty())
                    m_waiters.emplace_back(QStringLiteral("blocked on it:"), t.muted);
                m_waiters.emplace_back(QString::fromStdString(a->name), t.actor(a->id));
                m_waiters.emplace_back(
                    QStringLiteral("in %1()").arg(QString::fromStdString(a->blocked.operation)), t.muted);
            }
    }
    if (m_holder.empty() && m_waiters.empty())
        m_holder.emplace_back(QStringLiteral("nobody waits on it"), t.muted);
    setHighlighted(c.highlights.objects.count(object()) > 0);
    update();
}

void LockFigure::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    QPainter& p = *painter;
    p.setRenderHint(QPainter::Antialiasing);
    const Theme& t = theme();
    static const QFont titleFont = stageMono(21, true);
    static const QFont text = stageFont(17);
    static const QFont bold = stageFont(17, true);
    const QRectF r = rect();
    drawPanel(p, r, t.panel, t.border, 2, highlighted(), 12);
    drawLine(p, QRectF(r.left() + 12, r.top() + 6, r.width() - 24, 34), m_title, titleFont, t.text);
    qreal x = r.left() + 14;
    if (m_lockLike) {
        drawPadlock(p, QRectF(x, r.top() + 52, 34, 42), m_locked ? t.warn : t.closed, m_locked);
        x += 50;
    }
    const qreal w = r.right() - x - 12;
    drawWords(p, QRectF(x, r.top() + 48, w, 26), m_holder, text, bold);
    drawWords(p, QRectF(x, r.top() + 76, w, 26), m_waiters, text, bold);
    drawLine(p, QRectF(r.left() + 14, r.top() + 108, r.width() - 28, 26), m_stats, text, t.muted);
}

} // namespace mpstage::app
