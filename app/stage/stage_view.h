// SPDX-License-Identifier: MIT
#pragma once
// The view of the stage. The stage is laid out for the area the view shows, magnified as far as it still
// fits (so type is as large as the window allows, on any screen and DPI), and only scaled down when it
// cannot fit; zoom enlarges everything further for the back row.

#include <QGraphicsView>

namespace mpstage::app {

class StageScene;

class StageView : public QGraphicsView {
    Q_OBJECT

public:
    explicit StageView(StageScene* scene, QWidget* parent = nullptr);

    void zoomIn();
    void zoomOut();
    void resetZoom();
    double zoom() const { return m_zoom; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void refit();

    StageScene* m_stage;
    double m_zoom = 1.0;
    bool m_refitting = false;
};

} // namespace mpstage::app
