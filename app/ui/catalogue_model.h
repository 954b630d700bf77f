// SPDX-License-Identifier: MIT
#pragma once
// The scene catalogue as a tree for the side panel: one group per primary tag (Queues, Pipes, Shared
// memory...), the scenes under it. Searching filters on the search-text role (id, title, summary, tags)
// through a QSortFilterProxyModel with recursive filtering.

#include "ui/scene_library.h"

#include <mpstage/scene_info.h>

#include <QAbstractItemModel>
#include <QString>

#include <vector>

namespace mpstage::app {

class CatalogueModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Roles { SceneIdRole = Qt::UserRole + 1, SearchTextRole, IsGroupRole, DifficultyRole };

    explicit CatalogueModel(const std::vector<SceneInfo>& scenes, QObject* parent = nullptr);
    // Scene files whose header is malformed are listed under "Broken scene files", with their sentence,
    // and cannot be opened.
    CatalogueModel(
        const std::vector<const SceneInfo*>& scenes, const std::vector<BrokenScene>& broken, QObject* parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    QModelIndex indexOfScene(const QString& id) const;

private:
    struct Group {
        QString heading;
        std::vector<const SceneInfo*> scenes;
        std::vector<BrokenScene> broken;
        std::size_t size() const { return scenes.size() + broken.size(); }
    };
    std::vector<Group> m_groups;
};

// "queue" -> "Queues", "shared memory" -> "Shared memory"
QString tagHeading(const std::string& tag);

} // namespace mpstage::app
