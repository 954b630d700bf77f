// SPDX-License-Identifier: MIT
#include "ui/listing_model.h"
#include "model/wording.h"

namespace mpstage::app {

void ListingModel::setListing(const QString& text)
{
    beginResetModel();
    m_lines = text.split(QLatin1Char('\n'));
    while (!m_lines.isEmpty() && m_lines.back().trimmed().isEmpty())
        m_lines.removeLast();
    m_markers.assign(static_cast<std::size_t>(m_lines.size()), {});
    endResetModel();
}

void ListingModel::setMarkers(const std::vector<ListingMarker>& markers)
{
    std::vector<std::vector<ListingMarker>> next(m_markers.size());
    for (const ListingMarker& m : markers)
        if (m.line >= 1 && static_cast<std::size_t>(m.line) <= next.size())
            next[static_cast<std::size_t>(m.line - 1)].push_back(m);
    for (std::size_t row = 0; row < next.size(); ++row) {
        if (next[row] == m_markers[row])
            continue;
        m_markers[row] = std::move(next[row]);
        const QModelIndex i = index(static_cast<int>(row));
        Q_EMIT dataChanged(i, i, { MarkerNamesRole, MarkerColoursRole, Qt::BackgroundRole });
    }
}

int ListingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

QVariant ListingModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return m_lines[index.row()];
    case LineNumberRole:
        return index.row() + 1;
    case MarkerNamesRole: {
        QStringList names;
        for (const ListingMarker& m : m_markers[row])
            names << m.name;
        return names;
    }
    case MarkerColoursRole: {
        QVariantList colours;
        for (const ListingMarker& m : m_markers[row])
            colours << m.colour;
        return colours;
    }
    case Qt::BackgroundRole:
        if (m_markers[row].empty())
            return {};
        {
            QColor c = m_markers[row].front().colour;
            c.setAlpha(40);
            return c;
        }
    default:
        return {};
    }
}

} // namespace mpstage::app
