// SPDX-License-Identifier: MIT
#pragma once
// The "Find a schedule that …" window (Run menu, Ctrl+Shift+F): the explorer (ExploreJob) searching the
// current scene with its parameters, its progress while it runs, Stop, and once it has found a bad outcome,
// Replay it step by step: the found schedule loaded into the run controller's stepping, so each → shows the
// next grant of the bad interleaving on the usual stage.

#include "run/explore_job.h"

#include <QDialog>
#include <QTimer>

class QLabel;
class QPushButton;

namespace mpstage::app {

class MainWindow;

// What the window says about the job, in words (Qt-free of widgets, for the tests): the search and its
// progress, or what it found.
QString exploreWords(const ExploreJob& job);

class ExplorePanel : public QDialog {
    Q_OBJECT

public:
    explicit ExplorePanel(MainWindow& window);

    // Explores `scene` (an id or FILE.py, as mpstage-host takes it) with these parameters; the window's scene
    // is what the title names.
    void begin(
        const QString& host, const QString& scene, const std::vector<std::pair<std::string, std::string>>& params);
    ExploreJob& job() { return m_job; }
    QString text() const;
    QPushButton* replayButton() const { return m_replay; }
    QPushButton* stopButton() const { return m_stop; }
    // Loads the found schedule into the run controller (paused, micro-steps on, one grant per →).
    void replayFound();

private:
    void refresh();

    MainWindow& m_window;
    ExploreJob m_job;
    QLabel* m_title;
    QLabel* m_words;
    QPushButton* m_stop;
    QPushButton* m_replay;
    QTimer m_clock;
};

} // namespace mpstage::app
