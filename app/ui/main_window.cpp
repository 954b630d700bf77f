// SPDX-License-Identifier: MIT
#include "ui/main_window.h"
#include "charts/charts_panel.h"
#include "look/theme.h"
#include "model/wording.h"
#include "run/host_locator.h"
#include "run/run_controller.h"
#include "stage/stage_scene.h"
#include "stage/stage_view.h"
#include "timeline/scrubber.h"
#include "timeline/timeline_panel.h"
#include "ui/banner.h"
#include "ui/catalogue_panel.h"
#include "ui/console_model.h"
#include "ui/listing_delegate.h"
#include "ui/listing_model.h"
#include "ui/params_form.h"
#include "ui/prediction_panel.h"
#include "ui/program_editor.h"
#include "ui/run_files.h"
#include "ui/scene_info_panel.h"
#include "ui/scene_library.h"
#include "ui/transport.h"

#include <mpstage/params.h>
#include <mpstage/scene_info.h>

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QLabel>
#include <QListView>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace mpstage::app {

using mp::telemetry::ActorId;

MainWindow::MainWindow(QWidget* parent, QStringList sceneFolders)
    : QMainWindow(parent)
    , m_controller(new RunController(this))
    , m_stage(new StageScene(this))
    , m_listing(new ListingModel(this))
    , m_console(new ConsoleModel(400, this))
    , m_library(new SceneLibrary(sceneFolders.isEmpty() ? SceneLibrary::defaultFolders() : sceneFolders, this))
    , m_runDir(new QTemporaryDir)
    , m_scrubber(new Scrubber(*m_controller, this))
{
    setAcceptDrops(true);
    // Once shown, the keys go to the stage (the first focusable widget would be the catalogue's search box,
    // where M and 1–9 would type).
    QTimer::singleShot(0, this, [this] {
        if (m_view && !m_editor->hasFocus())
            m_view->setFocus(Qt::OtherFocusReason);
    });
    setWindowTitle(QStringLiteral("mpstage"));
    const HostLookup host = findHost(QCoreApplication::applicationDirPath());
    m_controller->setHostPath(host.path);
    m_hostPath = host.path;
    if (host.path.isEmpty())
        m_controller->setHostMissing(
            QStringLiteral("Cannot find mpstage-host, the program that runs the scenes. Looked in: ")
            + host.searched.join(QStringLiteral(", ")) + QStringLiteral(". Set MPSTAGE_HOST to its path."));

    m_transport = new Transport(*m_controller, this);
    QToolBar* bar = m_transport->toolBar();
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("appTitle"));
    m_title->setText(QStringLiteral("mpstage"));
    auto* spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    QAction* first = bar->actions().front();
    m_roomyOnly.push_back(bar->insertWidget(first, m_title));
    m_roomyOnly.push_back(bar->insertWidget(first, spacer));
    addToolBar(Qt::TopToolBarArea, bar);

    m_catalogue = new CataloguePanel;
    m_params = new ParamsForm;
    auto* paramsBox = new QWidget;
    auto* paramsColumn = new QVBoxLayout(paramsBox);
    auto* paramsHeading = new QLabel(QStringLiteral("Parameters"));
    paramsHeading->setObjectName(QStringLiteral("heading"));
    paramsColumn->addWidget(paramsHeading);
    paramsColumn->addWidget(m_params, 1);
    auto* paramsScroll = new QScrollArea;
    paramsScroll->setWidget(paramsBox);
    paramsScroll->setWidgetResizable(true);
    paramsScroll->setFrameShape(QFrame::NoFrame);
    m_sidebar = new QSplitter(Qt::Vertical);
    m_sidebar->addWidget(m_catalogue);
    m_sidebar->addWidget(paramsScroll);
    m_sidebar->setSizes({ 380, 520 });

    m_columns = new QSplitter(Qt::Horizontal);
    m_columns->addWidget(m_sidebar);
    m_columns->addWidget(buildCentre());
    m_columns->addWidget(buildListing());
    m_columns->setStretchFactor(1, 1);
    m_columns->setSizes({ 330, 1090, 500 });
    m_columns->setChildrenCollapsible(false);
    setCentralWidget(m_columns);
    m_charts = new ChartsPanel([this]() -> const RunState& { return m_controller->state(); });
    m_chartsDock = new QDockWidget(QStringLiteral("Charts"), this);
    m_chartsDock->setObjectName(QStringLiteral("chartsDock"));
    m_chartsDock->setWidget(m_charts);
    m_chartsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::BottomDockWidgetArea, m_chartsDock);
    m_chartsDock->hide();
    buildViewActions();
    addFileMenu(*this);
    addProgramMenu();
    addRunMenu();
    addViewMenu();
    // Folded until the first resize decides (fitRoom): a window opened at 1024×768 must not be widened by the
    // panels it is about to fold away.
    setSidebarShown(false);
    setTimelineShown(false);
    m_catalogue->setLibrary(*m_library);
    connect(m_library, &SceneLibrary::changed, this, [this] {
        // a scene file changed on disk: the catalogue again, and the open scene (if it is one) read anew
        const std::string id = m_scene ? m_scene->id : std::string();
        m_catalogue->setLibrary(*m_library);
        if (!id.empty() && m_programPath.isEmpty()) {
            m_scene = nullptr;
            sceneChosen(QString::fromStdString(id));
        }
    });

    connect(m_catalogue, &CataloguePanel::sceneChosen, this, &MainWindow::sceneChosen);
    connect(m_params, &ParamsForm::changed, this, [this] {
        if (!m_controller->active())
            refreshListing();
    });
    connect(m_transport, &Transport::aboutToStart, this, &MainWindow::applyParams);
    connect(m_transport, &Transport::speedChanged, m_stage, &StageScene::setSpeed);
    connect(m_transport, &Transport::actorKey, this, &MainWindow::chooseActor);
    connect(m_stage, &StageScene::actorClicked, this, &MainWindow::chooseActor);
    connect(m_controller, &RunController::frame, this, &MainWindow::onFrame);
    connect(m_controller, &RunController::hangChanged, this, &MainWindow::onHang);
    connect(m_controller, &RunController::messageChanged, this, &MainWindow::onMessage);
    connect(m_controller, &RunController::phaseChanged, this, &MainWindow::onPhase);
    connect(m_controller, &RunController::runReset, this, [this] {
        m_stage->reset();
        m_stageEvents = 0;
        m_console->clear();
        m_highlights = {};
        refreshListing();
        m_info->setRevealed(false);
        m_charts->reset();
        m_scrubber->reset();
        m_timeline->refresh();
    });
    connect(m_scrubber, &Scrubber::moved, this, [this] {
        showState();
        m_timeline->refresh();
        std::optional<double> cursor;
        if (m_scrubber->looking()) { // the charts count from the run's start, the timeline from its first event
            const double at = static_cast<double>(m_controller->record().lanes.origin() + m_scrubber->cursorTime());
            cursor = std::max(0.0, (at - static_cast<double>(m_controller->state().world().run().startNs)) / 1e9);
        }
        m_charts->setCursor(cursor);
        onMessage();
    });
    connect(m_controller, &RunController::ended, m_charts, &ChartsPanel::refresh);
}

MainWindow::~MainWindow()
{
    delete m_runDir;
}

QWidget* MainWindow::buildCentre()
{
    auto* centre = new QWidget;
    auto* column = new QVBoxLayout(centre);
    column->setContentsMargins(8, 6, 8, 6);
    column->setSpacing(8);
    m_banner = new Banner;
    column->addWidget(m_banner);
    m_predictions = new PredictionPanel(*this);
    column->addWidget(m_predictions);
    m_view = new StageView(m_stage);
    m_view->setObjectName(QStringLiteral("stage"));
    column->addWidget(m_view, 1);
    m_timeline = new TimelinePanel(*m_controller, *m_scrubber);
    column->addWidget(m_timeline);
    m_consoleView = new QListView;
    m_consoleView->setObjectName(QStringLiteral("console"));
    m_consoleView->setModel(m_console);
    m_consoleView->setUniformItemSizes(false);
    m_consoleView->setWordWrap(true); // a long print wraps rather than runs off the side
    m_consoleView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_consoleView->setFont(ListingDelegate::codeFont());
    m_consoleView->setSelectionMode(QAbstractItemView::NoSelection);
    m_consoleView->setFocusPolicy(Qt::NoFocus);
    m_consoleView->setFixedHeight(QFontMetrics(ListingDelegate::codeFont()).lineSpacing() * consoleLines() + 16);
    connect(m_console, &QAbstractItemModel::rowsInserted, m_consoleView, &QListView::scrollToBottom);
    column->addWidget(m_consoleView);
    m_caption = new QLabel;
    m_caption->setObjectName(QStringLiteral("caption"));
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_caption->hide();
    column->addWidget(m_caption);
    return centre;
}

// The right column: the scene in words above its Python listing, side by side with the stage, which gets
// the whole height of the middle.
QWidget* MainWindow::buildListing()
{
    m_info = new SceneInfoPanel;
    auto* infoScroll = new QScrollArea;
    infoScroll->setWidget(m_info);
    infoScroll->setWidgetResizable(true);
    infoScroll->setFrameShape(QFrame::NoFrame);
    infoScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* panel = new QWidget;
    auto* column = new QVBoxLayout(panel);
    column->setContentsMargins(4, 6, 8, 6);
    m_listingTitle = new QLabel;
    m_listingTitle->setObjectName(QStringLiteral("heading"));
    column->addWidget(m_listingTitle);
    m_listingView = new QListView;
    m_listingView->setObjectName(QStringLiteral("listing"));
    m_listingView->setModel(m_listing);
    m_listingView->setItemDelegate(new ListingDelegate(m_listingView));
    m_listingView->setResizeMode(QListView::Adjust);
    m_listingView->setUniformItemSizes(false);
    m_listingView->setWordWrap(true);
    m_listingView->setSelectionMode(QAbstractItemView::NoSelection);
    m_listingView->setFocusPolicy(Qt::NoFocus);
    m_listingView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_editor = new ProgramEditor;
    m_editor->setObjectName(QStringLiteral("editor"));
    m_listingStack = new QStackedWidget;
    m_listingStack->addWidget(m_listingView);
    m_listingStack->addWidget(m_editor);
    column->addWidget(m_listingStack, 1);
    m_infoScroll = infoScroll;
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(infoScroll);
    right->addWidget(panel);
    right->setSizes({ 420, 600 });
    right->setChildrenCollapsible(false);
    return right;
}

void MainWindow::buildViewActions()
{
    auto add = [this](const QString& text, const QList<QKeySequence>& keys, auto slot) {
        auto* a = new QAction(text, this);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        m_viewActions.push_back(a);
        return a;
    };
    add(QStringLiteral("Zoom in"), { QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus) },
        [this] { m_view->zoomIn(); });
    add(QStringLiteral("Zoom out"), { QKeySequence(Qt::CTRL | Qt::Key_Minus) }, [this] { m_view->zoomOut(); });
    add(QStringLiteral("Actual size"), { QKeySequence(Qt::CTRL | Qt::Key_0) }, [this] { m_view->resetZoom(); });
    add(QStringLiteral("Full screen"), { QKeySequence(Qt::Key_F11) },
        [this] { setWindowState(windowState() ^ Qt::WindowFullScreen); });
    auto* scenes = add(QStringLiteral("☰  Scenes"), { QKeySequence(Qt::Key_F9) },
        [this] { setSidebarShown(!m_sidebar->isVisible()); });
    scenes->setObjectName(QStringLiteral("scenesAction"));
    scenes->setToolTip(QStringLiteral("The scenes and their parameters (F9)"));
    add(QStringLiteral("Timeline: start"), { QKeySequence(Qt::Key_Home) }, [this] { m_scrubber->toStart(); });
    add(QStringLiteral("Timeline: one event back"), { QKeySequence(Qt::Key_Comma) },
        [this] { m_scrubber->stepEvent(-1); });
    add(QStringLiteral("Timeline: one event forward"), { QKeySequence(Qt::Key_Period) },
        [this] { m_scrubber->stepEvent(+1); });
    add(QStringLiteral("Timeline: play back"), { QKeySequence(Qt::Key_P) }, [this] { m_scrubber->togglePlay(); });
    add(QStringLiteral("Timeline: live"), { QKeySequence(Qt::Key_End) }, [this] { m_scrubber->goLive(); });
    add(QStringLiteral("Timeline"), { QKeySequence(Qt::Key_T) },
        [this] { setTimelineShown(!m_timeline->isVisible()); });
    QAction* charts = m_chartsDock->toggleViewAction();
    charts->setText(QStringLiteral("Charts"));
    charts->setShortcut(QKeySequence(Qt::Key_C));
    charts->setShortcutContext(Qt::WindowShortcut);
    charts->setToolTip(QStringLiteral("Queue depths, lock waits and shared values over time (C)"));
    addAction(charts);
    m_viewActions.push_back(charts);
    auto* dark
        = add(QStringLiteral("☾  Dark"), { QKeySequence(Qt::CTRL | Qt::Key_D) }, [this](bool on) { setDark(on); });
    dark->setCheckable(true);
    dark->setObjectName(QStringLiteral("darkAction"));
    dark->setToolTip(QStringLiteral("Light or dark palette (Ctrl+D)"));
    auto* present
        = add(QStringLiteral("▣  Present"), { QKeySequence(Qt::Key_F5) }, [this](bool on) { setPresenting(on); });
    present->setCheckable(true);
    present->setObjectName(QStringLiteral("presentAction"));
    present->setToolTip(QStringLiteral("Presenter mode: large type, high contrast, the narration as captions (F5)"));
    add(QStringLiteral("Next scene"), { QKeySequence(Qt::Key_PageDown) }, [this] { nextScene(+1); });
    add(QStringLiteral("Previous scene"), { QKeySequence(Qt::Key_PageUp) }, [this] { nextScene(-1); });
    add(QStringLiteral("Settings…"), { QKeySequence(Qt::CTRL | Qt::Key_Comma) }, [this] { showSettingsDialog(); });
    QToolBar* bar = m_transport->toolBar();
    bar->insertAction(bar->actions().front(), scenes);
    scenes->setVisible(false); // compact windows only (fitRoom)
    m_roomyOnly.push_back(bar->addSeparator());
    m_roomyOnly.push_back(charts);
    bar->addAction(charts);
    m_roomyOnly.push_back(dark);
    bar->addAction(dark);
    m_roomyOnly.push_back(present);
    bar->addAction(present);
}

void MainWindow::setChartsVisible(bool visible)
{
    m_chartsDock->setVisible(visible);
    if (visible) {
        m_charts->refresh();
        // once the window has its size: the charts take about a third of its height
        QTimer::singleShot(0, this, [this] { resizeDocks({ m_chartsDock }, { height() / 3 }, Qt::Vertical); });
    }
}

bool MainWindow::openScene(const QString& id, const std::vector<std::pair<std::string, std::string>>& params)
{
    if (id.endsWith(QStringLiteral(".py")) && !m_library->find(id.toStdString()) && !openProgram(id))
        return false;
    const SceneInfo* scene = m_library->find(id.toStdString());
    if (!scene && id.endsWith(QStringLiteral(".py")))
        scene = m_scene;
    if (!scene) {
        m_banner->setMessage(MessageKind::Error, QStringLiteral("There is no scene called '%1'.").arg(id));
        return false;
    }
    sceneChosen(QString::fromStdString(scene->id));
    m_catalogue->select(QString::fromStdString(scene->id));
    try {
        parseParams(scene->params, params);
    } catch (const std::exception& e) {
        m_banner->setMessage(MessageKind::Error, QStringLiteral("Bad parameter: ") + QString::fromUtf8(e.what()));
        return false;
    }
    m_params->setValues(params);
    refreshListing();
    return true;
}

void MainWindow::sceneChosen(const QString& id)
{
    const SceneInfo* scene = m_library->find(id.toStdString());
    if (!scene || scene == m_scene)
        return;
    m_scene = scene;
    if (scene->program) { // a scene file from the catalogue, or a program opened by hand: the editor
        if (QString::fromStdString(scene->id) != m_runPath)
            m_programPath = QString::fromStdString(scene->id);
        m_editor->setProgram(QString::fromStdString(scene->listing({})));
        m_listingStack->setCurrentWidget(m_editor);
    } else {
        m_programPath.clear();
        m_listingStack->setCurrentWidget(m_listingView);
    }
    m_controller->clear();
    m_params->setScene(scene);
    m_info->setScene(scene);
    m_predictions->setScene(scene);
    m_listingTitle->setText(scene->program
            ? QString::fromStdString(scene->id).section(QLatin1Char('/'), -1)
            : QString::fromStdString(scene->id).replace(QLatin1Char('-'), QLatin1Char('_')) + QStringLiteral(".py"));
    chooseActor(ActorId { 1 });
    applyParams();
    updateCaption();
    m_stage->setHint(QStringLiteral("Press Run, or → to go one step at a time"));
    // The keys (Space, →, 1–9, M...) go to the window, not to the search box: focus on the stage.
    if (m_view && !m_editor->hasFocus())
        m_view->setFocus(Qt::OtherFocusReason);
}

void MainWindow::runSchedule(const std::string& schedule)
{
    applyParams();
    m_controller->runSchedule(schedule);
}

void MainWindow::applyParams()
{
    if (!m_scene)
        return;
    if (!m_programPath.isEmpty())
        prepareProgramRun();
    m_controller->setScene(m_scene, m_params->values());
    refreshListing();
}

void MainWindow::refreshListing()
{
    if (!m_scene)
        return;
    try {
        const ParamValues values = parseParams(m_scene->params, m_params->values());
        m_listing->setListing(QString::fromStdString(m_scene->listing(values)));
        m_stage->setListing(m_listing->lines());
    } catch (const std::exception& e) {
        m_banner->setMessage(MessageKind::Error, QStringLiteral("Bad parameter: ") + QString::fromUtf8(e.what()));
    }
}

void MainWindow::onFrame()
{
    // The timeline a few times a second (it paints the whole run), the stage every frame unless it shows an
    // earlier instant.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_timelineRefreshedMs > 200 || !m_controller->active()) {
        m_timelineRefreshedMs = now;
        m_timeline->refresh();
    }
    if (!m_scrubber->looking())
        showState();
}

void MainWindow::showState()
{
    const RunState& state = m_scrubber->shown();
    // The stage only ever adds figures as a run goes on; going back in time starts it afresh.
    if (state.world().eventCount() < m_stageEvents)
        m_stage->reset();
    m_stageEvents = state.world().eventCount();
    // looking back, "waiting for 2.1 s" counts to the instant shown, not to now
    const std::uint64_t shownNs
        = m_scrubber->looking() ? m_controller->record().lanes.origin() + m_scrubber->cursorTime() : 0;
    m_stage->sync(state, m_scrubber->looking() ? Highlights {} : m_highlights, shownNs);
    m_console->catchUp(state);
    std::vector<ListingMarker> markers;
    for (const auto* a : state.world().actors())
        if (a->live() && a->line > 0)
            markers.push_back(ListingMarker {
                static_cast<int>(a->line), QString::fromStdString(shortActorName(a->name)), theme().actor(a->id) });
    m_listing->setMarkers(markers);
    m_editor->setMarkers(markers);
    if (const auto* a = state.world().actor(m_transport->chosenActor()); a && a->line > 0) {
        m_listingView->scrollTo(m_listing->index(static_cast<int>(a->line - 1)));
        if (!m_editor->hasFocus()) // a program open in the editor follows it too, unless it is being edited
            m_editor->showLine(static_cast<int>(a->line));
    }
}

void MainWindow::onHang()
{
    m_highlights = highlightsFor(m_controller->hang(), m_controller->state().world());
    // a hung run is when the class asks why: the scene's Why shows then, not only at the end
    m_info->setRevealed(m_controller->phase() == RunPhase::Ended || !m_controller->hang().empty());
    updateCaption();
    if (!m_scrubber->looking())
        m_stage->sync(m_scrubber->shown(), m_highlights);
    m_timeline->refresh();
}

void MainWindow::onMessage()
{
    if (m_scrubber->looking()) // what the stage shows is not now: say so, and how to come back
        m_banner->setMessage(MessageKind::Hint,
            QStringLiteral("Looking back: %1. Press End (or Live ▶|) to return to %2.")
                .arg(m_timeline->where(),
                    m_controller->active() ? QStringLiteral("the live run") : QStringLiteral("the end of the run")));
    else if (!m_controller->active() && m_editor->errorLine() > 0) // the program failed: where, and why
        m_banner->setMessage(
            MessageKind::Error, QStringLiteral("Line %1: %2").arg(m_editor->errorLine()).arg(m_editor->errorWords()));
    else
        m_banner->setMessage(m_controller->messageKind(), m_controller->messageText());
}

void MainWindow::onPhase()
{
    updateCaption();
    m_info->setRevealed(m_controller->phase() == RunPhase::Ended || !m_controller->hang().empty());
    m_params->setEnabled(!m_controller->active());
    m_editor->setReadOnly(m_controller->active());
    if (m_controller->phase() == RunPhase::Ended && !m_programPath.isEmpty())
        showProgramError();
}

void MainWindow::chooseActor(ActorId actor)
{
    const auto* a = m_controller->state().world().actor(actor);
    const QString name = a ? QString::fromStdString(a->name)
        : actor.value == 1 ? QStringLiteral("MainProcess")
                           : QStringLiteral("Process-%1").arg(actor.value - 1);
    m_transport->setChosenActor(actor, name);
    m_stage->setChosenActor(actor);
}

} // namespace mpstage::app
