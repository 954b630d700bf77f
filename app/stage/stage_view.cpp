// SPDX-License-Identifier: MIT
#include "stage/stage_view.h"
#include "stage/stage_scene.h"

#include <algorithm>

namespace mpstage::app {

StageView::StageView(StageScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent)
    , m_stage(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setFrameShape(QFrame::NoFrame);
    setAlignment(Qt::AlignCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlag(QGraphicsView::DontSavePainterState, false);
    connect(scene, &StageScene::boundsChanged, this, &StageView::refit);
}

void StageView::zoomIn()
{
    m_zoom = std::min(m_zoom * 1.15, 3.0);
    refit();
}

void StageView::zoomOut()
{
    m_zoom = std::max(m_zoom / 1.15, 0.4);
    refit();
}

void StageView::resetZoom()
{
    m_zoom = 1.0;
    refit();
}

void StageView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    refit();
}

// Lays the stage out for the largest magnification at which it still fits the view (type grows with the
// window), then scales down only if even the smallest layout does not fit.
void StageView::refit()
{
    if (m_refitting)
        return;
    m_refitting = true;
    const QSizeF view = viewport()->size();
    double magnification = 1.0;
    for (double m : { 1.4, 1.3, 1.2, 1.1, 1.0 }) {
        const QSizeF area(view.width() / (m * m_zoom), view.height() / (m * m_zoom));
        m_stage->setArea(area);
        const QRectF bounds = m_stage->sceneRect();
        magnification = m;
        if (bounds.width() <= area.width() + 1 && bounds.height() <= area.height() + 1)
            break;
    }
    const QRectF bounds = m_stage->sceneRect();
    double scale = magnification * m_zoom;
    if (bounds.width() > 0 && bounds.height() > 0)
        scale = std::min({ scale, view.width() / bounds.width(), view.height() / bounds.height() });
    setTransform(QTransform::fromScale(scale, scale));
    const bool fits = bounds.width() * scale <= view.width() + 1 && bounds.height() * scale <= view.height() + 1;
    setHorizontalScrollBarPolicy(fits ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(fits ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    m_refitting = false;
}

} // namespace mpstage::app
