// SPDX-License-Identifier: MIT
#pragma once
// The side panel that picks a scene: a search field over the catalogue tree.

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace mpstage::app {

class CatalogueModel;
class SceneLibrary;

class CataloguePanel : public QWidget {
    Q_OBJECT

public:
    explicit CataloguePanel(QWidget* parent = nullptr);

    void select(const QString& sceneId);
    // Lists the library's scenes (and broken scene files) instead of the built-in catalogue alone.
    void setLibrary(const SceneLibrary& library);
    CatalogueModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QLineEdit* search() const { return m_search; }

Q_SIGNALS:
    void sceneChosen(const QString& sceneId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QLineEdit* m_search;
    QTreeView* m_tree;
    CatalogueModel* m_model;
    QSortFilterProxyModel* m_proxy;
};

} // namespace mpstage::app
