// SPDX-License-Identifier: MIT
#include "look/appearance.h"
#include "look/theme.h"

#include <QApplication>
#include <QStyleFactory>

#include <algorithm>

namespace mpstage::app {

void applyAppearance(QApplication& app, bool dark)
{
    applyAppearance(app, dark ? PaletteKind::Dark : PaletteKind::Light, 100);
}

void applyAppearance(QApplication& app, PaletteKind kind, int percent)
{
    setThemePalette(kind);
    const Theme& t = theme();
    const auto pt = [percent](int points) { return QString::number(std::max(6, points * percent / 100)); };
    // The transport grows less than the text: its buttons must still fit one row on a 1080p projector.
    const QString buttonPt = QString::number(std::max(6, 15 * std::min(percent, 115) / 100));
    const QString line = kind == PaletteKind::Contrast ? QStringLiteral("3px") : QStringLiteral("2px");
    if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        app.setStyle(fusion);
    QFont body(QStringLiteral("DejaVu Sans"));
    body.setStyleHint(QFont::SansSerif);
    body.setPointSize(std::max(6, 14 * percent / 100));
    app.setFont(body);
    QPalette palette = paletteFor(t);
    palette.setColor(QPalette::Link, t.accent);
    palette.setColor(QPalette::LinkVisited, t.accent);
    app.setPalette(palette);
    app.setStyleSheet(QStringLiteral(R"(
QToolBar#transport { spacing: 6px; padding: 6px 10px; background: %1; border: none; }
QToolBar#transport QToolButton { font-size: %8pt; font-weight: bold; padding: 6px 14px; border-radius: 8px;
    border: %11 solid %2; background: %3; color: %4; }
QToolBar#transport QToolButton:hover { border-color: %5; }
QToolBar#transport QToolButton:checked { background: %5; color: %6; border-color: %5; }
QToolBar#transport QToolButton:disabled { color: %7; border-color: %2; }
QToolBar#transport QComboBox { font-size: %8pt; font-weight: bold; padding: 4px 10px; }
QLabel#appTitle { font-size: %9pt; color: %4; padding-right: 16px; }
QLabel#heading { font-size: %10pt; font-weight: bold; color: %4; padding: 4px 0px; }
QLabel#sceneTitle { font-size: %12pt; font-weight: bold; color: %4; }
QLabel#caption { font-size: %10pt; color: %4; background: %3; border: %11 solid %5; border-radius: 8px;
    padding: 8px 14px; }
QTreeView, QListView { border: 1px solid %2; border-radius: 6px; background: %3; }
QTreeView::item { padding: 5px 2px; }
QSplitter::handle { background: %1; }
QGraphicsView#stage { border: %11 solid %2; border-radius: 8px; }
)")
                          .arg(t.window.name(), t.border.name(), t.panel.name(), t.text.name(), t.accent.name(),
                              (t.dark ? QColor(0x0B0E13) : QColor(0xFFFFFF)).name(), t.muted.name(), buttonPt, pt(18))
                          .arg(pt(16), line, pt(20)));
}

} // namespace mpstage::app
