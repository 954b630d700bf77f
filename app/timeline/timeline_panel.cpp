// SPDX-License-Identifier: MIT
#include "timeline/timeline_panel.h"
#include "look/theme.h"
#include "run/run_controller.h"
#include "timeline/scrubber.h"
#include "timeline/timeline_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>

namespace mpstage::app {

namespace {

QToolButton* button(const QString& text, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setFocusPolicy(Qt::NoFocus);
    b->setAutoRaise(true);
    return b;
}

QString seconds(std::uint64_t ns)
{
    return QString::number(static_cast<double>(ns) / 1e9, 'f', 3) + QStringLiteral(" s");
}

} // namespace

TimelinePanel::TimelinePanel(const RunController& controller, Scrubber& scrubber, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_scrubber(scrubber)
    , m_view(new TimelineView(controller, scrubber, this))
    , m_play(button(QStringLiteral("▶ Play back"), QStringLiteral("Play the run back from here (P)"), this))
    , m_live(button(
          QStringLiteral("Live ▶|"), QStringLiteral("Back to the live run, or the end of a finished one (End)"), this))
    , m_speed(new QComboBox(this))
    , m_where(new QLabel(this))
    , m_legend(nullptr)
{
    setObjectName(QStringLiteral("timelinePanel"));
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* row = new QHBoxLayout;
    row->setSpacing(4);
    auto* start = button(QStringLiteral("|◀"), QStringLiteral("The start of the run (Home)"), this);
    auto* back = button(QStringLiteral("◀ 1"), QStringLiteral("One event back (,)"), this);
    auto* forward = button(QStringLiteral("1 ▶"), QStringLiteral("One event forward (.)"), this);
    for (QToolButton* b : { start, back, m_play, forward, m_live })
        row->addWidget(b);
    for (const auto& [label, value] : { std::pair { QStringLiteral("1×"), 1.0 }, { QStringLiteral("½×"), 0.5 },
             { QStringLiteral("⅒×"), 0.1 }, { QStringLiteral("1⁄100×"), 0.01 }, { QStringLiteral("2×"), 2.0 } })
        m_speed->addItem(label, value);
    m_speed->setToolTip(QStringLiteral("How fast to play the run back, against the pace it was recorded at"));
    m_speed->setFocusPolicy(Qt::NoFocus);
    row->addWidget(m_speed);
    m_where->setObjectName(QStringLiteral("timelineWhere"));
    row->addWidget(m_where, 2);
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("timelineLegend"));
    m_legend->setTextFormat(Qt::RichText);
    // Both give way on a narrow window rather than widen it (the legend is the first to go).
    m_where->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_where->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("event 1,000 of 1,000 ")));
    m_legend->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    row->addWidget(m_legend, 1);
    column->addLayout(row);
    column->addWidget(m_view);

    connect(start, &QToolButton::clicked, &m_scrubber, &Scrubber::toStart);
    connect(back, &QToolButton::clicked, this, [this] { m_scrubber.stepEvent(-1); });
    connect(forward, &QToolButton::clicked, this, [this] { m_scrubber.stepEvent(+1); });
    connect(m_play, &QToolButton::clicked, &m_scrubber, &Scrubber::togglePlay);
    connect(m_live, &QToolButton::clicked, &m_scrubber, &Scrubber::goLive);
    connect(m_speed, &QComboBox::currentIndexChanged, this,
        [this] { m_scrubber.setSpeed(m_speed->currentData().toDouble()); });
    refresh();
}

QString TimelinePanel::where() const
{
    const QLocale locale = QLocale::c();
    const std::size_t total = m_scrubber.total();
    if (total == 0)
        return QStringLiteral("no run yet");
    QString tail;
    if (!m_controller.record().history.complete())
        tail = QStringLiteral(" (the first %1 events are kept)").arg(locale.toString(static_cast<qulonglong>(total)));
    if (!m_scrubber.looking())
        return QStringLiteral("live · %1 events · %2")
                   .arg(
                       locale.toString(static_cast<qulonglong>(total)), seconds(m_controller.record().lanes.duration()))
            + tail;
    return QStringLiteral("event %1 of %2 · %3")
               .arg(locale.toString(static_cast<qulonglong>(m_scrubber.cursor())),
                   locale.toString(static_cast<qulonglong>(total)), seconds(m_scrubber.cursorTime()))
        + tail;
}

void TimelinePanel::refresh()
{
    m_play->setText(m_scrubber.playing() ? QStringLiteral("⏸ Pause") : QStringLiteral("▶ Play back"));
    m_live->setEnabled(m_scrubber.looking());
    m_where->setText(where());
    const Theme& t = theme();
    m_legend->setText(
        QStringLiteral("▲ put &nbsp;▼ get &nbsp;▸ send &nbsp;◂ recv &nbsp;○ EOF &nbsp;"
                       "<span style='color:%1'>◆</span> lock taken &nbsp;<span style='color:%1'>▁</span> held &nbsp;"
                       "<span style='color:%2'>■</span> blocked &nbsp;<span style='color:%3'>■</span> at a gate")
            .arg(t.accent.name(), t.bad.name(), t.warn.name()));
    m_view->refreshGeometry();
}

} // namespace mpstage::app
