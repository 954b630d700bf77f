// SPDX-License-Identifier: MIT
#include "ui/catalogue_model.h"

#include <algorithm>
#include <map>

namespace mpstage::app {

namespace {

// Groups in teaching order; tags not listed come after, alphabetically.
int tagRank(const std::string& tag)
{
    static const std::vector<std::string> order = { "queue", "pipe", "shared memory", "locks", "sync", "pitfall" };
    const auto it = std::find(order.begin(), order.end(), tag);
    return it == order.end() ? static_cast<int>(order.size()) : static_cast<int>(it - order.begin());
}

} // namespace

QString tagHeading(const std::string& tag)
{
    static const std::map<std::string, QString> headings
        = { { "queue", QStringLiteral("Queues") }, { "pipe", QStringLiteral("Pipes") },
              { "shared memory", QStringLiteral("Shared memory") }, { "locks", QStringLiteral("Locks") },
              { "pitfall", QStringLiteral("Pitfalls") }, { "seed", QStringLiteral("From the book") } };
    if (const auto it = headings.find(tag); it != headings.end())
        return it->second;
    QString s = QString::fromStdString(tag);
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

namespace {

std::vector<const SceneInfo*> pointers(const std::vector<SceneInfo>& scenes)
{
    std::vector<const SceneInfo*> out;
    for (const SceneInfo& s : scenes)
        out.push_back(&s);
    return out;
}

} // namespace

CatalogueModel::CatalogueModel(const std::vector<SceneInfo>& scenes, QObject* parent)
    : CatalogueModel(pointers(scenes), {}, parent)
{
}

CatalogueModel::CatalogueModel(
    const std::vector<const SceneInfo*>& scenes, const std::vector<BrokenScene>& broken, QObject* parent)
    : QAbstractItemModel(parent)
{
    std::map<std::pair<int, std::string>, std::vector<const SceneInfo*>> groups;
    for (const SceneInfo* s : scenes) {
        const std::string tag = s->tags.empty() ? std::string("other") : s->tags.front();
        groups[{ tagRank(tag), tag }].push_back(s);
    }
    for (auto& [key, list] : groups)
        m_groups.push_back(Group { tagHeading(key.second), std::move(list), {} });
    if (!broken.empty())
        m_groups.push_back(Group { QStringLiteral("Broken scene files"), {}, broken });
}

QModelIndex CatalogueModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex CatalogueModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int CatalogueModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_groups.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return static_cast<int>(m_groups[static_cast<std::size_t>(parent.row())].size());
}

int CatalogueModel::columnCount(const QModelIndex&) const
{
    return 1;
}

QVariant CatalogueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0) {
        const Group& g = m_groups[static_cast<std::size_t>(index.row())];
        switch (role) {
        case Qt::DisplayRole:
        case SearchTextRole:
            return g.heading;
        case IsGroupRole:
            return true;
        default:
            return {};
        }
    }
    const Group& group = m_groups[index.internalId() - 1];
    const auto row = static_cast<std::size_t>(index.row());
    if (row >= group.scenes.size()) { // a broken scene file: its name, and why it cannot be opened
        const BrokenScene& b = group.broken[row - group.scenes.size()];
        switch (role) {
        case Qt::DisplayRole:
            return QString(b.path.section(QLatin1Char('/'), -1) + QStringLiteral(" — ")
                + b.error.section(QStringLiteral(": "), 1));
        case Qt::ToolTipRole:
        case SearchTextRole:
            return b.error;
        case IsGroupRole:
            return false;
        default:
            return {};
        }
    }
    const SceneInfo& s = *group.scenes[row];
    switch (role) {
    case Qt::DisplayRole:
        return QString::fromStdString(s.title);
    case Qt::ToolTipRole:
        return QString::fromStdString(s.summary);
    case SceneIdRole:
        return QString::fromStdString(s.id);
    case IsGroupRole:
        return false;
    case DifficultyRole:
        return s.difficulty;
    case SearchTextRole: {
        std::string text = s.id + " " + s.title + " " + s.summary;
        for (const auto& t : s.tags)
            text += " " + t;
        return QString::fromStdString(text);
    }
    default:
        return {};
    }
}

Qt::ItemFlags CatalogueModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == 0)
        return Qt::ItemIsEnabled;
    const Group& group = m_groups[index.internalId() - 1];
    if (static_cast<std::size_t>(index.row()) >= group.scenes.size())
        return Qt::ItemIsEnabled; // a broken scene file: shown, never opened
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QModelIndex CatalogueModel::indexOfScene(const QString& id) const
{
    for (std::size_t g = 0; g < m_groups.size(); ++g)
        for (std::size_t i = 0; i < m_groups[g].scenes.size(); ++i)
            if (QString::fromStdString(m_groups[g].scenes[i]->id) == id)
                return index(static_cast<int>(i), 0, index(static_cast<int>(g), 0));
    return {};
}

} // namespace mpstage::app
