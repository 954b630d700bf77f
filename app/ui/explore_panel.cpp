// SPDX-License-Identifier: MIT
#include "ui/explore_panel.h"

#include "run/run_controller.h"
#include "ui/main_window.h"
#include "ui/transport.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace mpstage::app {

namespace {

QString plural(int n, const char* one, const char* many)
{
    return QString::number(n) + QLatin1Char(' ') + QLatin1String(n == 1 ? one : many);
}

QString preemptions(int bound)
{
    return QStringLiteral("at most ") + plural(bound, "preemption", "preemptions");
}

QString outcomes(const ExploreReport& r)
{
    QString out;
    for (const ExploreOutcome& o : r.outcomes)
        out += QStringLiteral("\n  %1  %2 of %3: %4")
                   .arg(o.bad ? QStringLiteral("bad") : QStringLiteral("good"))
                   .arg(o.count)
                   .arg(r.tried)
                   .arg(QString::fromStdString(o.words));
    return out;
}

QString lookingFor(const SceneInfo* scene, const std::vector<std::pair<std::string, std::string>>& params)
{
    if (!scene)
        return QStringLiteral("goes wrong");
    try {
        switch (scene->expected(parseParams(scene->params, params)).kind) {
        case OutcomeKind::LosesUpdates:
            return QStringLiteral("loses an update");
        case OutcomeKind::Hangs:
            return QStringLiteral("hangs");
        case OutcomeKind::Completes:
            break;
        }
    } catch (const std::exception&) {
    }
    return QStringLiteral("goes wrong");
}

} // namespace

QString exploreWords(const ExploreJob& job)
{
    const ExploreReport& r = job.report();
    const QString seconds = QString::number(job.seconds(), 'f', 1) + QStringLiteral(" s");
    switch (job.state()) {
    case ExploreJob::State::Idle:
        return {};
    case ExploreJob::State::Running: {
        QString out = QStringLiteral("Trying every schedule with %1 … (%2)").arg(preemptions(job.bound()), seconds);
        if (r.read)
            out += QStringLiteral("\nSo far, with %1: %2, none bad.%3")
                       .arg(preemptions(job.bound() - 1), plural(r.tried, "schedule", "schedules"), outcomes(r));
        return out;
    }
    case ExploreJob::State::Found: {
        const ExploreOutcome& bad = *job.found();
        return QStringLiteral("Found a bad interleaving with %1: %2 of %3 schedules (%4%) went bad, in %5.%6\n"
                              "Its schedule takes %7: replay it step by step to see it happen.")
            .arg(preemptions(job.bound()))
            .arg(r.badCount())
            .arg(r.tried)
            .arg(r.tried ? 100.0 * r.badCount() / r.tried : 0.0, 0, 'f', 1)
            .arg(seconds, outcomes(r), plural(bad.grants, "step", "steps"));
    }
    case ExploreJob::State::NoneFound:
        if (r.complete)
            return QStringLiteral("No bad interleaving within the bound: all %1 with %2 ran as declared (%3).%4")
                .arg(plural(r.tried, "schedule", "schedules"), preemptions(job.bound()), seconds, outcomes(r));
        return QStringLiteral("No bad interleaving in the %1 tried with %2, but the budget (%3 runs) ran out before "
                              "the search did.%4")
            .arg(plural(r.tried, "schedule", "schedules"), preemptions(job.bound()))
            .arg(ExploreJob::MAX_RUNS)
            .arg(outcomes(r));
    case ExploreJob::State::Stopped:
        return QStringLiteral("Stopped after %1%2.")
            .arg(seconds,
                r.read ? QStringLiteral(": %1 with %2 tried, none bad")
                             .arg(plural(r.tried, "schedule", "schedules"), preemptions(job.bound() - 1))
                       : QString());
    case ExploreJob::State::Failed:
        return QStringLiteral("The explorer failed: ") + job.error();
    }
    return {};
}

ExplorePanel::ExplorePanel(MainWindow& window)
    : QDialog(&window)
    , m_window(window)
    , m_title(new QLabel(this))
    , m_words(new QLabel(this))
    , m_stop(new QPushButton(QStringLiteral("Stop"), this))
    , m_replay(new QPushButton(QStringLiteral("Replay it step by step"), this))
{
    setObjectName(QStringLiteral("explorePanel"));
    setWindowTitle(QStringLiteral("Find a schedule"));
    setModal(false);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_title->setFont(big);
    m_words->setWordWrap(true);
    m_words->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_words->setMinimumWidth(460);
    auto* close = new QPushButton(QStringLiteral("Close"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_stop);
    buttons->addWidget(m_replay);
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_words, 1);
    layout->addLayout(buttons);
    m_replay->setDefault(true);

    connect(m_stop, &QPushButton::clicked, &m_job, &ExploreJob::stop);
    connect(m_replay, &QPushButton::clicked, this, &ExplorePanel::replayFound);
    connect(close, &QPushButton::clicked, this, [this] {
        m_job.stop();
        hide();
    });
    connect(&m_job, &ExploreJob::changed, this, &ExplorePanel::refresh);
    m_clock.setInterval(250);
    connect(&m_clock, &QTimer::timeout, this, &ExplorePanel::refresh);
    refresh();
}

void ExplorePanel::begin(
    const QString& host, const QString& scene, const std::vector<std::pair<std::string, std::string>>& params)
{
    show();
    raise();
    if (m_job.running())
        return; // one search at a time: Stop it first
    m_title->setText(QStringLiteral("Find a schedule that %1").arg(lookingFor(m_window.scene(), params)));
    m_job.start(host, scene, params);
}

QString ExplorePanel::text() const
{
    return m_title->text() + QLatin1Char('\n') + m_words->text();
}

void ExplorePanel::replayFound()
{
    if (m_job.state() != ExploreJob::State::Found)
        return;
    m_window.transport().microAction()->setChecked(true);
    m_window.controller().stepSchedule(m_job.schedule());
    hide();
}

void ExplorePanel::refresh()
{
    const QString words = exploreWords(m_job);
    const bool grew = words.count(QLatin1Char('\n')) != m_words->text().count(QLatin1Char('\n'));
    m_words->setText(words);
    if (grew)
        adjustSize(); // every outcome line shows
    if (m_job.state() == ExploreJob::State::Found) // goal mode compares a stepped run with it
        m_window.controller().setExplorerSteps(m_job.found()->grants);
    m_stop->setEnabled(m_job.running());
    m_replay->setEnabled(m_job.state() == ExploreJob::State::Found);
    if (m_job.running() && !m_clock.isActive())
        m_clock.start();
    else if (!m_job.running())
        m_clock.stop();
}

} // namespace mpstage::app
