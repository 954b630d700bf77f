// SPDX-License-Identifier: MIT
#pragma once
// A shared Value or Array (sharedctypes.py) as cells with their contents, the padlock of its lock with the
// holder and the processes queueing for it (and how long each has waited), who is in the middle of a
// read-modify-write, and the updates lost to races: `v.value += 1` reads and writes under the lock
// separately, so a write can overwrite another process's update.

#include "stage/object_figure.h"
#include "stage/sync_context.h"

#include <QColor>
#include <QString>

#include <vector>

namespace mpstage::app {

class ValueFigure : public ObjectFigure {
public:
    explicit ValueFigure(mp::telemetry::ObjectId id);

    void sync(const SyncContext& context) override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    struct Cell {
        QString text;
        QString version;
        QColor writer;
        friend bool operator==(const Cell&, const Cell&) = default;
    };
    struct Named {
        QString text;
        QColor colour;
    };

    QString m_title;
    QString m_counts;
    std::vector<Cell> m_cells;
    int m_cellCount = 1;
    bool m_array = false;
    bool m_locked = false;
    bool m_lockHighlighted = false;
    std::vector<Named> m_holder; // "held by", name, "for 3 ms"
    std::vector<Named> m_waiters;
    std::vector<Named> m_window; // processes between their read and their write
    QString m_lost;
    QString m_lastLost;
    bool m_hasLost = false;
};

// Draws a sequence of differently coloured words on one line; returns the width used.
qreal drawWords(
    QPainter& p, QRectF r, const std::vector<std::pair<QString, QColor>>& words, const QFont& font, const QFont& bold);

} // namespace mpstage::app
