// SPDX-License-Identifier: MIT
#pragma once
// The scene's Python listing, one row per line, with a marker for every process at its line (World
// Actor::line) in the process's colour. Only rows whose markers changed are reported as changed.

#include <mp/telemetry/ids.h>

#include <QAbstractListModel>
#include <QColor>
#include <QStringList>

#include <vector>

namespace mpstage::app {

struct ListingMarker {
    int line = 0; // 1-based
    QString name; // short: "Main", "P-1"
    QColor colour;
    friend bool operator==(const ListingMarker&, const ListingMarker&) = default;
};

class ListingModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Roles { LineNumberRole = Qt::UserRole + 1, MarkerNamesRole, MarkerColoursRole };

    using QAbstractListModel::QAbstractListModel;

    void setListing(const QString& text);
    const QStringList& lines() const { return m_lines; }
    void setMarkers(const std::vector<ListingMarker>& markers);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QStringList m_lines;
    std::vector<std::vector<ListingMarker>> m_markers; // per row
};

} // namespace mpstage::app
