// SPDX-License-Identifier: MIT
#pragma once
// A Lock, RLock, Semaphore or another synchronisation object (synchronize.py): its padlock with the holder
// (or, for a semaphore, who holds how many), the processes queueing for it with how long each has waited,
// and how contended it has been. Objects the stage has no special drawing for (Event, Condition, Barrier)
// show their kind and who is blocked on them.

#include "stage/object_figure.h"
#include "stage/sync_context.h"

#include <QColor>
#include <QString>

#include <vector>

namespace mpstage::app {

class LockFigure : public ObjectFigure {
public:
    explicit LockFigure(mp::telemetry::ObjectId id);

    void sync(const SyncContext& context) override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QString m_title;
    QString m_stats;
    bool m_lockLike = false;
    bool m_locked = false;
    std::vector<std::pair<QString, QColor>> m_holder;
    std::vector<std::pair<QString, QColor>> m_waiters;
};

} // namespace mpstage::app
