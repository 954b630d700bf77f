// SPDX-License-Identifier: MIT
#pragma once
// The timeline strip under the stage: the lanes (TimelineView) and a row of controls to look back at the run
// — to the start, one event back, play back at a chosen pace, one event forward, back to live — with where
// the stage is in words ("event 1,204 of 5,730 · 0.418 s"). Keys (set up by the window): Home, ",", P, ".",
// End.

#include <QWidget>

class QComboBox;
class QLabel;
class QToolButton;

namespace mpstage::app {

class RunController;
class Scrubber;
class TimelineView;

class TimelinePanel : public QWidget {
    Q_OBJECT

public:
    TimelinePanel(const RunController& controller, Scrubber& scrubber, QWidget* parent = nullptr);

    TimelineView& view() const { return *m_view; }
    // Brings the lanes and the words up to date (the window calls it a few times a second while a run is
    // live, and whenever the cursor moves).
    void refresh();
    QString where() const;

private:
    const RunController& m_controller;
    Scrubber& m_scrubber;
    TimelineView* m_view;
    QToolButton* m_play;
    QToolButton* m_live;
    QComboBox* m_speed;
    QLabel* m_where;
    QLabel* m_legend;
};

} // namespace mpstage::app
