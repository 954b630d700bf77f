// SPDX-License-Identifier: MIT
#include "ui/appearance.h"
#include "stage/theme.h"

#include <QApplication>
#include <QStyleFactory>

namespace mpstage::app {

void applyAppearance(QApplication& app, bool dark)
{
    setDarkTheme(dark);
    const Theme& t = theme();
    if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        app.setStyle(fusion);
    QFont body(QStringLiteral("DejaVu Sans"));
    body.setStyleHint(QFont::SansSerif);
    body.setPointSize(14);
    app.setFont(body);
    QPalette palette = paletteFor(t);
    palette.setColor(QPalette::Link, t.accent);
    palette.setColor(QPalette::LinkVisited, t.accent);
    app.setPalette(palette);
    app.setStyleSheet(QStringLiteral(R"(
QToolBar#transport { spacing: 6px; padding: 6px 10px; background: %1; border: none; }
QToolBar#transport QToolButton { font-size: 15pt; font-weight: bold; padding: 6px 14px; border-radius: 8px;
    border: 2px solid %2; background: %3; color: %4; }
QToolBar#transport QToolButton:hover { border-color: %5; }
QToolBar#transport QToolButton:checked { background: %5; color: %6; border-color: %5; }
QToolBar#transport QToolButton:disabled { color: %7; border-color: %2; }
QToolBar#transport QComboBox { font-size: 15pt; font-weight: bold; padding: 4px 10px; }
QLabel#appTitle { font-size: 18pt; color: %4; padding-right: 16px; }
QLabel#heading { font-size: 16pt; font-weight: bold; color: %4; padding: 4px 0px; }
QLabel#sceneTitle { font-size: 20pt; font-weight: bold; color: %4; }
QTreeView, QListView { border: 1px solid %2; border-radius: 6px; background: %3; }
QTreeView::item { padding: 5px 2px; }
QSplitter::handle { background: %1; }
QGraphicsView#stage { border: 2px solid %2; border-radius: 8px; }
)")
                          .arg(t.window.name(), t.border.name(), t.panel.name(), t.text.name(), t.accent.name(),
                              (t.dark ? QColor(0x0B0E13) : QColor(0xFFFFFF)).name(), t.muted.name()));
}

} // namespace mpstage::app
