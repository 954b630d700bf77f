// SPDX-License-Identifier: MIT
#include "ui/console_model.h"
#include "look/theme.h"

#include <algorithm>

namespace mpstage::app {

ConsoleModel::ConsoleModel(std::size_t limit, QObject* parent)
    : QAbstractListModel(parent)
    , m_limit(std::max<std::size_t>(1, limit))
{
}

void ConsoleModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_seen = 0;
    endResetModel();
}

void ConsoleModel::catchUp(const RunState& run)
{
    const std::uint64_t total = run.consoleTotal();
    if (total < m_seen) // looking back at an earlier instant of the run: start again from its lines
        clear();
    if (total == m_seen)
        return;
    const auto& lines = run.console();
    const std::size_t fresh = static_cast<std::size_t>(std::min<std::uint64_t>(total - m_seen, lines.size()));
    m_seen = total;
    const std::size_t take = std::min(fresh, m_limit);
    if (take == 0)
        return;
    const std::size_t overflow = m_rows.size() + take > m_limit ? m_rows.size() + take - m_limit : 0;
    if (overflow) {
        beginRemoveRows({}, 0, static_cast<int>(overflow) - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + static_cast<std::ptrdiff_t>(overflow));
        endRemoveRows();
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(take) - 1);
    for (std::size_t i = lines.size() - take; i < lines.size(); ++i) {
        const ConsoleLine& l = lines[i];
        m_rows.push_back(Row { QString::fromStdString(run.world().actorName(l.actor)), QString::fromStdString(l.text),
            theme().actor(l.actor), l.stderrLine });
    }
    endInsertRows();
}

int ConsoleModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ConsoleModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return QString(r.actor + QStringLiteral(":  ") + r.text);
    case Qt::ForegroundRole:
        return r.stderrLine ? theme().bad : r.colour;
    case ActorNameRole:
        return r.actor;
    case IsStderrRole:
        return r.stderrLine;
    default:
        return {};
    }
}

} // namespace mpstage::app
