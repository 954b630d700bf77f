// SPDX-License-Identifier: MIT
// How the window shares its room. On a classroom projector (1280×720, 1024×768, 1366×768) the stage must get
// most of the window: the catalogue and the parameters become a drawer (F9 or ☰ Scenes), the timeline waits
// for T, the console keeps two lines, the listing column narrows, and Charts, Dark and Present leave the
// toolbar for the View menu, so every action stays reachable and the toolbar fits; the Run menu holds every
// transport action. In presenter mode the
// toolbar goes too (every control is on a key). The View menu lists every view action with its key.
#include "timeline/timeline_panel.h"
#include "ui/explore_panel.h"
#include "ui/listing_delegate.h"
#include "ui/main_window.h"
#include "ui/params_form.h"
#include "ui/transport.h"

#include <QAction>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QResizeEvent>
#include <QSplitter>
#include <QToolBar>

namespace mpstage::app {

namespace {

// Below either, the window is laid out compact: a 1600×900 window still has room for all three columns.
constexpr int ROOMY_WIDTH = 1500;
constexpr int ROOMY_HEIGHT = 860;

} // namespace

// Every transport action, with its key, for when a narrow toolbar folds some behind its » (Restart and Stop at
// 1280 px).
void MainWindow::addRunMenu()
{
    QMenu* menu = menuBar()->addMenu(QStringLiteral("&Run"));
    const Transport& t = *m_transport;
    for (QAction* a : { t.runAction(), t.pauseAction(), t.stepAction(), t.stepActorAction(), t.microAction(),
             t.restartAction(), t.stopAction() })
        menu->addAction(a);
    menu->addSeparator();
    auto* find = new QAction(QStringLiteral("Find a schedule that goes wrong…"), this);
    find->setObjectName(QStringLiteral("findScheduleAction"));
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    find->setToolTip(QStringLiteral("Run the scene under many schedules of gate grants until one goes wrong "
                                    "(Ctrl+Shift+F)"));
    connect(find, &QAction::triggered, this, &MainWindow::findSchedule);
    menu->addAction(find);
    m_transport->toolBar()->addAction(find); // last: in the toolbar's overflow (») when the window is narrow
}

void MainWindow::findSchedule()
{
    if (!m_scene)
        return;
    applyParams();
    if (!m_explore)
        m_explore = new ExplorePanel(*this);
    // a program is explored as the host's copy of the editor's text (prepareProgramRun)
    const QString scene = m_programPath.isEmpty() ? QString::fromStdString(m_scene->id) : m_runPath;
    m_explore->begin(m_hostPath, scene, m_params->values());
}

void MainWindow::addViewMenu()
{
    QMenu* menu = menuBar()->addMenu(QStringLiteral("&View"));
    for (QAction* a : m_viewActions)
        if (!a->text().startsWith(QStringLiteral("Timeline:"))) // the timeline's own keys are on its buttons
            menu->addAction(a);
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    fitRoom();
}

int MainWindow::consoleLines() const
{
    return m_compact || m_presenting ? 2 : 4;
}

void MainWindow::setSidebarShown(bool shown)
{
    m_sidebar->setVisible(shown);
    if (auto* a = findChild<QAction*>(QStringLiteral("scenesAction")))
        a->setChecked(shown);
}

void MainWindow::setTimelineShown(bool shown)
{
    m_timeline->setVisible(shown);
}

void MainWindow::fitRoom()
{
    const bool compact = width() < ROOMY_WIDTH || height() < ROOMY_HEIGHT;
    if (compact == m_compact && m_roomDecided)
        return;
    m_compact = compact;
    m_roomDecided = true;
    for (QAction* a : m_roomyOnly)
        a->setVisible(!compact);
    if (auto* a = findChild<QAction*>(QStringLiteral("scenesAction"))) {
        a->setCheckable(true);
        a->setVisible(compact);
    }
    m_transport->toolBar()->setVisible(!(compact && m_presenting));
    setSidebarShown(!compact && !m_presenting);
    setTimelineShown(!compact && !m_presenting);
    m_consoleView->setFixedHeight(QFontMetrics(ListingDelegate::codeFont()).lineSpacing() * consoleLines() + 16);
    // the listing column: about a third of a small window, 500 px of a large one
    const int listing = compact ? std::max(300, width() * 3 / 10) : 500;
    const int sidebar = compact ? 0 : 330;
    m_columns->setSizes({ sidebar, std::max(400, width() - listing - sidebar), listing });
}

} // namespace mpstage::app
