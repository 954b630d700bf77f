// SPDX-License-Identifier: MIT
// How the window looks and what it shows a class: the palettes and type scale (from the settings), presenter
// mode with its caption strip, and changing scene from the keyboard.
#include "charts/charts_panel.h"
#include "look/appearance.h"
#include "look/theme.h"
#include "run/run_controller.h"
#include "stage/stage_scene.h"
#include "timeline/timeline_panel.h"
#include "ui/banner.h"
#include "ui/catalogue_panel.h"
#include "ui/console_model.h"
#include "ui/listing_delegate.h"
#include "ui/main_window.h"
#include "ui/prediction_panel.h"
#include "ui/scene_info_panel.h"
#include "ui/scene_library.h"
#include "ui/settings_dialog.h"
#include "ui/transport.h"

#include <mpstage/scene_info.h>

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QListView>
#include <QSplitter>
#include <QToolBar>

namespace mpstage::app {

void MainWindow::setDark(bool dark)
{
    AppSettings s = m_settings;
    s.window.palette = dark ? PaletteKind::Dark : PaletteKind::Light;
    setSettings(s, false);
}

void MainWindow::setSettings(const AppSettings& settings, bool save)
{
    m_settings = settings;
    if (save)
        m_settings.save();
    applyLook(m_presenting ? m_settings.presenter : m_settings.window);
}

void MainWindow::applyLook(const Look& look)
{
    applyAppearance(*qApp, look.palette, look.percent);
    if (auto* a = findChild<QAction*>(QStringLiteral("darkAction"))) {
        const QSignalBlocker block(a);
        a->setChecked(look.palette != PaletteKind::Light);
    }
    m_listingView->setFont(ListingDelegate::codeFont());
    m_consoleView->setFont(ListingDelegate::codeFont());
    m_consoleView->setFixedHeight(QFontMetrics(ListingDelegate::codeFont()).lineSpacing() * consoleLines() + 16);
    m_timeline->setFont(QApplication::font());
    m_stage->refreshTheme();
    m_charts->reset(); // rebuilt in the new palette
    m_charts->refresh();
    m_banner->refreshTheme();
    m_predictions->setPresenting(m_presenting);
    m_info->setScene(m_scene);
    m_info->setRevealed(m_controller->phase() == RunPhase::Ended || !m_controller->hang().empty());
    m_console->clear();
    showState();
    m_timeline->refresh();
    updateCaption();
}

void MainWindow::setPresenting(bool on)
{
    m_presenting = on;
    if (auto* a = findChild<QAction*>(QStringLiteral("presentAction")); a && a->isChecked() != on) {
        const QSignalBlocker block(a);
        a->setChecked(on);
    }
    m_sidebar->setVisible(!on && !m_compact);
    m_infoScroll->setVisible(!on);
    m_caption->setVisible(on);
    m_transport->toolBar()->setVisible(!(on && m_compact)); // compact: every control is on a key
    m_timeline->setVisible(!on && !m_compact); // the stage gets the height; T shows the timeline again
    if (on)
        m_chartsDock->hide();
    applyLook(on ? m_settings.presenter : m_settings.window);
}

void MainWindow::showSettingsDialog()
{
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() == QDialog::Accepted)
        setSettings(dialog.settings(), true);
}

void MainWindow::nextScene(int direction)
{
    const auto& scenes = m_library->scenes(); // the catalogue's: the built-in scenes, then the scene files
    if (scenes.empty() || m_controller->active())
        return;
    std::size_t i = 0;
    // a scene file is shown as its editor's copy, run from a file of its own (m_runPath): m_programPath is the file
    const std::string current = !m_programPath.isEmpty() ? m_programPath.toStdString() : m_scene ? m_scene->id : "";
    while (i < scenes.size() && scenes[i]->id != current)
        ++i;
    const std::size_t n = scenes.size();
    const std::size_t next = i >= n ? 0 : (i + n + static_cast<std::size_t>(direction > 0 ? 1 : n - 1)) % n;
    const QString id = QString::fromStdString(scenes[next]->id);
    sceneChosen(id);
    m_catalogue->select(id);
}

QString MainWindow::captionText() const
{
    if (!m_scene)
        return {};
    const auto esc = [](const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); };
    const Theme& t = theme();
    const auto part = [&](const QString& label, const std::string& text) {
        return QStringLiteral("<b style='color:%1'>%2</b> %3").arg(t.accent.name(), label, esc(text));
    };
    switch (m_controller->phase()) {
    case RunPhase::Ended:
        return part(QStringLiteral("Why:"), m_scene->narration.explain);
    case RunPhase::Running:
    case RunPhase::Paused:
        return part(QStringLiteral("Look:"), m_scene->narration.look);
    case RunPhase::Idle:
    case RunPhase::Failed:
        break;
    }
    return part(QStringLiteral("Look:"), m_scene->narration.look) + QStringLiteral("<br>")
        + part(QStringLiteral("Predict:"), m_scene->narration.predict);
}

void MainWindow::updateCaption()
{
    if (m_caption)
        m_caption->setText(captionText());
}

} // namespace mpstage::app
