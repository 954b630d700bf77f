// SPDX-License-Identifier: MIT
#pragma once
// `mpstage --screenshot FILE.png`: renders the window into a PNG (offscreen) once it has something to show:
// at once; with --at-end once the run has ended or the hang banner has appeared; with --steps N after N steps
// from the start (what a teacher sees after pressing → N times); each time after the tokens have settled.
// Finishes with done(exit status).

#include <QObject>
#include <QString>
#include <QTimer>

#include <vector>

namespace mpstage::app {

class MainWindow;

class Screenshot : public QObject {
    Q_OBJECT

public:
    Screenshot(MainWindow& window, QString file, bool atEnd, QObject* parent = nullptr);
    void setSteps(int steps) { m_steps = steps; }
    // The process of each step (1 is MainProcess); empty: the one that has waited longest, as → steps.
    void setStepActors(std::vector<int> actors) { m_stepActors = std::move(actors); }
    // Find a schedule that … first; then render its window over the main one, or with steps, replay the
    // found schedule that many steps.
    void setExplore(bool on) { m_explore = on; }
    void start();

Q_SIGNALS:
    void done(int status);

private:
    void settle();
    void nextStep();
    void take(int status);
    void explored();

    MainWindow& m_window;
    QString m_file;
    bool m_atEnd;
    bool m_settling = false;
    bool m_explore = false;
    int m_steps = 0;
    std::vector<int> m_stepActors;
    std::uint64_t m_seen = 0; // events applied when the last step was asked for
    QTimer m_timeout;
};

} // namespace mpstage::app
