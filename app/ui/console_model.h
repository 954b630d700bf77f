// SPDX-License-Identifier: MIT
#pragma once
// What the processes printed, one row per line, each in its process's colour: the bounded console of
// RunState, caught up once per frame (rows appended at the end, the oldest dropped at the front).

#include "model/run_state.h"

#include <QAbstractListModel>
#include <QColor>

#include <deque>

namespace mpstage::app {

class ConsoleModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Roles { ActorNameRole = Qt::UserRole + 1, IsStderrRole };

    explicit ConsoleModel(std::size_t limit = 400, QObject* parent = nullptr);

    void catchUp(const RunState& run);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString actor;
        QString text;
        QColor colour;
        bool stderrLine = false;
    };
    std::size_t m_limit;
    std::deque<Row> m_rows;
    std::uint64_t m_seen = 0; // RunState::consoleTotal() already taken
};

} // namespace mpstage::app
