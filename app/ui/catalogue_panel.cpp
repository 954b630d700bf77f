// SPDX-License-Identifier: MIT
#include "ui/catalogue_panel.h"
#include "ui/catalogue_model.h"
#include "ui/scene_library.h"

#include <mpstage/scene_info.h>

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace mpstage::app {

namespace {

// Scene titles wrap at the width of the panel instead of being cut: the height is measured against the
// width the row really has (QTreeView does not tell the delegate).
class WrappingDelegate : public QStyledItemDelegate {
public:
    explicit WrappingDelegate(QTreeView* tree)
        : QStyledItemDelegate(tree)
        , m_tree(tree)
    {
    }
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem o = option;
        int depth = 0;
        for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
            ++depth;
        o.rect.setWidth(m_tree->viewport()->width() - m_tree->indentation() * (depth + 1) - 4);
        o.rect.setHeight(1000); // the style wraps only within a valid rect
        o.features |= QStyleOptionViewItem::WrapText;
        return QStyledItemDelegate::sizeHint(o, index);
    }

private:
    QTreeView* m_tree;
};

} // namespace

CataloguePanel::CataloguePanel(QWidget* parent)
    : QWidget(parent)
    , m_search(new QLineEdit)
    , m_tree(new QTreeView)
    , m_model(new CatalogueModel(sceneInfos(), this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* heading = new QLabel(QStringLiteral("Scenes"));
    heading->setObjectName(QStringLiteral("heading"));
    column->addWidget(heading);
    m_search->setPlaceholderText(QStringLiteral("Search scenes…"));
    m_search->setClearButtonEnabled(true);
    column->addWidget(m_search);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterRole(CatalogueModel::SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_tree->setModel(m_proxy);
    m_tree->setHeaderHidden(true);
    m_tree->setWordWrap(true);
    m_tree->setTextElideMode(Qt::ElideNone);
    m_tree->setItemDelegate(new WrappingDelegate(m_tree));
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Stretch);
    m_tree->setUniformRowHeights(false);
    m_tree->setIndentation(16);
    m_tree->expandAll();
    column->addWidget(m_tree, 1);
    m_tree->viewport()->installEventFilter(this);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        m_tree->expandAll();
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        const QString id = current.data(CatalogueModel::SceneIdRole).toString();
        if (!id.isEmpty())
            Q_EMIT sceneChosen(id);
    });
}

bool CataloguePanel::eventFilter(QObject* watched, QEvent* event)
{
    // Wrapped titles need their row heights measured again at the new width.
    if (watched == m_tree->viewport() && event->type() == QEvent::Resize)
        QTimer::singleShot(0, m_tree, [tree = m_tree] {
            tree->doItemsLayout();
            if (tree->currentIndex().isValid())
                tree->scrollTo(tree->currentIndex());
        });
    return QWidget::eventFilter(watched, event);
}

void CataloguePanel::setLibrary(const SceneLibrary& library)
{
    const QString current = m_tree->currentIndex().data(CatalogueModel::SceneIdRole).toString();
    CatalogueModel* old = m_model;
    m_model = new CatalogueModel(library.scenes(), library.broken(), this);
    m_proxy->setSourceModel(m_model);
    delete old;
    m_tree->expandAll();
    if (!current.isEmpty())
        select(current);
}

void CataloguePanel::select(const QString& sceneId)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOfScene(sceneId));
    if (index.isValid() && index != m_tree->currentIndex()) {
        const QSignalBlocker block(m_tree->selectionModel());
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    }
}

} // namespace mpstage::app
