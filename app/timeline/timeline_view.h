// SPDX-License-Identifier: MIT
#pragma once
// The timeline drawn under the stage: one lane per process over the whole run (red where it was blocked,
// amber where it waited at a gate), marks for puts, gets, sends, receives, end-of-file, lock grants and a
// detected hang, a time axis, and the cursor at the instant the stage shows. Pressing or dragging on it
// moves the stage to that instant. Marks closer than a pixel are drawn once, so a run of a million events
// paints as fast as a short one.

#include <QWidget>

#include <cstdint>

namespace mpstage::app {

class RunController;
class Scrubber;

class TimelineView : public QWidget {
    Q_OBJECT

public:
    TimelineView(const RunController& controller, Scrubber& scrubber, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // The lanes changed size (a process started): the height follows.
    void refreshGeometry();

    // x of an instant (ns since the run started), and back.
    double xOf(std::uint64_t ns) const;
    std::uint64_t timeAt(double x) const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    // Instant to x, computed once per paint: a run of many events maps thousands of marks per paint.
    struct Scale {
        double left = 0;
        double width = 1;
        double span = 1;
        double x(std::uint64_t ns) const { return left + static_cast<double>(ns) / span * width; }
    };
    Scale scale() const;
    int laneHeight() const;
    int gutter() const;
    int axisHeight() const;
    int laneCount() const;
    double span() const; // ns the width shows

    const RunController& m_controller;
    Scrubber& m_scrubber;
};

} // namespace mpstage::app
