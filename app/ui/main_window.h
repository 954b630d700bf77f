// SPDX-License-Identifier: MIT
#pragma once
// The window a teacher projects: the catalogue and the parameters on the left, the scene in words, the
// banner, the stage and the console in the middle, the Python listing with a marker per process on the
// right, the transport on top. It wires the RunController to the views and owns nothing of the run's state.

#include "stage/sync_context.h"
#include "ui/settings.h"

#include <mpstage/scene_info.h>

#include <QMainWindow>
#include <QStringList>

#include <string>
#include <utility>
#include <vector>

class QDockWidget;
class QLabel;
class QListView;
class QSplitter;
class QStackedWidget;
class QTemporaryDir;

namespace mpstage::app {

class Banner;
class ChartsPanel;
class CataloguePanel;
class ConsoleModel;
class ExplorePanel;
class ListingModel;
class ParamsForm;
class PredictionPanel;
class ProgramEditor;
class SceneLibrary;
class RunController;
class SceneInfoPanel;
class StageScene;
class StageView;
class Scrubber;
class TimelinePanel;
class Transport;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // sceneFolders: the folders of Python scene files the catalogue lists (SceneLibrary::defaultFolders()
    // and each --scenes DIR).
    explicit MainWindow(QWidget* parent = nullptr, QStringList sceneFolders = {});
    ~MainWindow() override;

    // Opens a scene with these parameters (the others at their defaults). On a wrong id or value, says why
    // in the banner and returns false.
    bool openScene(const QString& id, const std::vector<std::pair<std::string, std::string>>& params = {});
    const SceneInfo* scene() const { return m_scene; }

    // A Python program (a scene file or an ordinary one) from a file: File → Open program…, drag and drop,
    // --scene FILE.py, the recent files. Its listing becomes an editor; Run runs what the editor holds.
    bool openProgram(const QString& path);
    // Writes the editor's text; asScene: with a scene header (one is added if the program has none).
    QString saveProgram(const QString& path, bool asScene);
    const QString& programPath() const { return m_programPath; }
    ProgramEditor& editor() const { return *m_editor; }
    SceneLibrary& library() const { return *m_library; }
    QStringList recentPrograms() const;

    RunController& controller() const { return *m_controller; }
    StageScene& stage() const { return *m_stage; }
    StageView& stageView() const { return *m_view; }
    Banner& banner() const { return *m_banner; }
    ListingModel& listing() const { return *m_listing; }
    ConsoleModel& console() const { return *m_console; }
    ParamsForm& params() const { return *m_params; }
    PredictionPanel& predictions() const { return *m_predictions; } // predict, then reveal
    CataloguePanel& cataloguePanel() const { return *m_catalogue; }
    SceneInfoPanel& sceneInfo() const { return *m_info; }
    Transport& transport() const { return *m_transport; }
    ChartsPanel& charts() const { return *m_charts; }
    Scrubber& scrubber() const { return *m_scrubber; }
    TimelinePanel& timeline() const { return *m_timeline; }
    // Runs the current scene, with its parameters as the form has them, giving the gate grants of `schedule`.
    void runSchedule(const std::string& schedule);
    // Run → Find a schedule that … (Ctrl+Shift+F): explores the current scene with the form's parameters
    // (ExplorePanel), the editor's text for a program.
    void findSchedule();
    ExplorePanel* explorePanel() const { return m_explore; }
    void setDark(bool dark);
    void setChartsVisible(bool visible);

    // Presenter mode (F5): the stage and the listing side by side in large type and the presenter palette,
    // the scene's narration as a caption strip, the catalogue and the parameters hidden (Page Up / Page Down
    // change scene), every control on a key.
    void setPresenting(bool on);
    bool presenting() const { return m_presenting; }
    // The type scale and palettes (the settings dialog's); applied at once. save: remember them.
    void setSettings(const AppSettings& settings, bool save);
    const AppSettings& settings() const { return m_settings; }
    QString captionText() const;
    void showSettingsDialog();
    void nextScene(int direction);

    // Whether the window is laid out for a small screen (a 1280×720 or 1024×768 projector): the stage gets
    // the room, the catalogue and the parameters become a drawer (F9, ☰), the timeline is shown on T, and
    // Charts, Dark and Present move from the toolbar to the View menu. See window_room.cpp.
    bool compact() const { return m_compact; }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void addProgramMenu();
    void prepareProgramRun(); // the editor's text, written where the host runs it from
    void showProgramError(); // the line a traceback or a syntax error points at, in the editor
    void rememberProgram(const QString& path);
    QWidget* buildCentre();
    QWidget* buildListing();
    void buildViewActions();
    void addViewMenu();
    void addRunMenu();
    void fitRoom(); // compact or roomy, for the window's size
    void setSidebarShown(bool shown);
    void setTimelineShown(bool shown);
    int consoleLines() const;
    void applyParams();
    void refreshListing();
    void onFrame();
    void showState(); // draws what the scrubber shows: the live run, or an earlier instant of it
    void onHang();
    void onMessage();
    void onPhase();
    void chooseActor(mp::telemetry::ActorId actor);
    void applyLook(const Look& look);
    void updateCaption();
    void sceneChosen(const QString& id);

    const SceneInfo* m_scene = nullptr;
    RunController* m_controller;
    StageScene* m_stage;
    StageView* m_view = nullptr;
    Transport* m_transport = nullptr;
    CataloguePanel* m_catalogue = nullptr;
    ParamsForm* m_params = nullptr;
    SceneInfoPanel* m_info = nullptr;
    Banner* m_banner = nullptr;
    PredictionPanel* m_predictions = nullptr;
    ListingModel* m_listing;
    ConsoleModel* m_console;
    QListView* m_listingView = nullptr;
    QStackedWidget* m_listingStack = nullptr; // the listing, or the program editor
    ProgramEditor* m_editor = nullptr;
    SceneLibrary* m_library;
    QTemporaryDir* m_runDir; // where an edited program is written for the host to run it
    QString m_programPath; // the program file open in the editor (empty for a built-in scene)
    QString m_runPath; // the file the host runs: m_runDir's copy of the editor's text
    QListView* m_consoleView = nullptr;
    QLabel* m_listingTitle = nullptr;
    QLabel* m_title = nullptr;
    QSplitter* m_sidebar = nullptr;
    Highlights m_highlights;
    ChartsPanel* m_charts = nullptr;
    QDockWidget* m_chartsDock = nullptr;
    Scrubber* m_scrubber;
    TimelinePanel* m_timeline = nullptr;
    qint64 m_timelineRefreshedMs = 0;
    std::uint64_t m_stageEvents = 0; // events in the state the stage last drew
    QWidget* m_infoScroll = nullptr;
    QLabel* m_caption = nullptr;
    AppSettings m_settings;
    bool m_presenting = false;
    bool m_compact = false;
    bool m_roomDecided = false;
    std::vector<QAction*> m_viewActions; // the View menu's
    std::vector<QAction*> m_roomyOnly; // toolbar entries a compact window keeps in the View menu only
    QSplitter* m_columns = nullptr;
    ExplorePanel* m_explore = nullptr;
    QString m_hostPath;
};

} // namespace mpstage::app
