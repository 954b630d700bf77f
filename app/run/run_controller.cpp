// SPDX-License-Identifier: MIT
#include "run/run_controller.h"
#include "model/goal_check.h"
#include "model/monotonic.h"
#include "model/wording.h"
#include "run/control_lines.h"
#include "run/host_run.h"

#include <mpstage/params.h>

namespace mpstage::app {

using namespace mp::telemetry;

namespace {
constexpr qint64 FRAME_BUDGET_NS = 10'000'000; // apply events for at most this long per frame
constexpr qint64 HANG_CHECK_NS = 250'000'000;
constexpr qint64 IDLE_REDRAW_NS = 250'000'000;
} // namespace

RunController::RunController(QObject* parent)
    : QObject(parent)
    , m_record(std::make_unique<RunRecord>())
{
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    m_frameTimer.setInterval(16);
    connect(&m_frameTimer, &QTimer::timeout, this, &RunController::tick);
    m_clock.start();
}

RunController::~RunController() = default;

qint64 RunController::hostPid() const
{
    return m_host ? m_host->pid() : 0;
}

void RunController::setScene(const SceneInfo* scene, std::vector<std::pair<std::string, std::string>> params)
{
    const bool same = scene && m_scene && scene->id == m_scene->id; // a program's SceneInfo is made anew each run
    if (!same || params != m_params)
        m_explorerSteps = 0; // what the explorer found was for another scene
    m_scene = scene;
    m_params = std::move(params);
}

void RunController::clear()
{
    if (m_host) { // it finishes on its own and deletes itself; nothing of it reaches the next run
        m_host->disconnect(this);
        m_host->stop();
        m_host = nullptr;
    }
    m_backlog.clear();
    m_keeper.clear();
    m_replaying = false;
    m_stopAsked = false;
    m_record = std::make_unique<RunRecord>();
    m_hangWatch.clear();
    m_step.clear();
    m_plan.clear();
    m_planAsked = false;
    m_stepsGiven = 0;
    setMessage(MessageKind::None, {});
    setPhase(RunPhase::Idle);
    Q_EMIT runReset();
}

bool RunController::start(const QString& schedulePath)
{
    if (!m_scene)
        return false;
    try {
        parseParams(m_scene->params, m_params);
    } catch (const std::exception& e) {
        setMessage(MessageKind::Error, QStringLiteral("Bad parameter: ") + QString::fromUtf8(e.what()));
        return false;
    }
    if (m_hostPath.isEmpty()) {
        setMessage(MessageKind::Error,
            m_hostMissing.isEmpty() ? QStringLiteral("Cannot find mpstage-host, the program that runs the scenes.")
                                    : m_hostMissing);
        return false;
    }
    clear();
    auto* host = new HostRun(this);
    m_host = host;
    connect(host, &HostRun::failed, this, &RunController::fail);
    connect(host, &HostRun::finished, this, &RunController::onFinished);
    connect(host, &HostRun::finished, host, &QObject::deleteLater);
    host->setRecording(m_keeper.beginLive(m_scene->id, m_params));
    HostOptions options;
    options.recordSchedulePath = m_keeper.nextGrantsPath();
    options.schedulePath = schedulePath;
    options.paused = schedulePath.isEmpty(); // a schedule is replayed at once, and then the run goes freely
    host->start(m_hostPath, QString::fromStdString(m_scene->id), m_params, options);
    m_paused = options.paused;
    setPhase(m_paused ? RunPhase::Paused : RunPhase::Running);
    if (m_micro && m_paused)
        send(microLine(true));
    m_lastTickNs = m_clock.nsecsElapsed();
    m_frameTimer.start();
    return true;
}

void RunController::replay(replay::LoadedRun run)
{
    clear();
    m_keeper.beginReplay(run);
    m_replaying = true;
    m_backlog.assign(std::make_move_iterator(run.events.begin()), std::make_move_iterator(run.events.end()));
    setPhase(RunPhase::Running);
    while (!m_backlog.empty())
        drain();
    m_replaying = false;
    Q_EMIT frame();
    if (!state().ended())
        fail(QStringLiteral("The saved run stops before the run ended (it was saved while running)."));
}

void RunController::runSchedule(const std::string& schedule)
{
    QString error;
    const QString path = m_keeper.writeSchedule(schedule, &error);
    if (path.isEmpty()) {
        setMessage(MessageKind::Error, error);
        return;
    }
    start(path);
}

void RunController::stepSchedule(const std::string& schedule)
{
    std::vector<PlannedStep> steps;
    try {
        steps = readStepPlan(schedule);
    } catch (const std::exception& e) {
        setMessage(MessageKind::Error, QString::fromUtf8(e.what()));
        return;
    }
    m_micro = true; // the explorer's grants are micro-steps
    if (!start())
        return;
    m_plan.set(std::move(steps));
    setMessage(MessageKind::Hint,
        QStringLiteral("The found schedule is loaded: press → for each of its %1 steps.").arg(m_plan.size()));
}

std::optional<replay::RunFile> RunController::savedRun(QString* why) const
{
    return m_keeper.savedRun(why);
}

void RunController::send(const std::string& line)
{
    if (m_host)
        m_host->send(line);
}

void RunController::run()
{
    if (!active() && !start())
        return;
    send(resumeLine());
    m_paused = false;
    m_step.clear();
    setPhase(RunPhase::Running);
}

void RunController::pause()
{
    if (!active())
        return;
    send(pauseLine());
    m_paused = true;
    setPhase(RunPhase::Paused);
}

void RunController::togglePause()
{
    if (active() && !m_paused)
        pause();
    else
        run();
}

void RunController::step()
{
    stepActor(ActorId { ANY_ACTOR });
}

void RunController::stepActor(ActorId actor)
{
    if (!active() && !start())
        return;
    if (!m_paused)
        pause();
    if (m_plan.active() && actor.value == ANY_ACTOR) {
        m_planAsked = true;
        m_planAskedNs = m_clock.nsecsElapsed();
        servePlannedStep();
        return;
    }
    if (actor.value != ANY_ACTOR) {
        if (const Actor* a = state().world().actor(actor)) {
            const std::string why = whyNoStep(state().world(), *a);
            if (!why.empty()) {
                setMessage(MessageKind::Hint, QString::fromStdString(why));
                return;
            }
        }
    }
    m_step.ask(actor.value, m_clock.nsecsElapsed());
    serveStep();
}

// Grants the pending step as soon as a process can take it.
void RunController::serveStep()
{
    if (!m_step.pending() || !active())
        return;
    const World& world = state().world();
    if (const Actor* chosen = m_step.chosen(world)) {
        send(stepLine(chosen->id.value, m_micro));
        ++m_stepsGiven;
        m_step.clear();
        if (m_messageKind == MessageKind::Hint)
            setMessage(MessageKind::None, {});
        return;
    }
    if (m_step.expired(m_clock.nsecsElapsed())) {
        setMessage(MessageKind::Hint,
            m_step.anyActor() ? QStringLiteral("No process is waiting at a gate: each one is blocked or has exited.")
                              : QStringLiteral("%1 has not reached a gate yet.")
                                    .arg(QString::fromStdString(world.actorName(ActorId { m_step.actor() }))));
        m_step.clear();
    }
}

void RunController::servePlannedStep()
{
    if (!m_planAsked || !active() || !m_plan.active())
        return;
    if (const Actor* a = m_plan.ready(state().world())) {
        send(stepLine(a->id.value, m_plan.next().micro));
        m_plan.advance(*a);
        ++m_stepsGiven;
        m_planAsked = false;
        setMessage(MessageKind::Hint,
            QStringLiteral("Step %1 of %2 of the found schedule: %3.")
                .arg(m_plan.done())
                .arg(m_plan.size())
                .arg(QString::fromStdString(a->name)));
        return;
    }
    if (m_clock.nsecsElapsed() - m_planAskedNs > StepRequest::STEP_PATIENCE_NS) {
        setMessage(MessageKind::Hint,
            QStringLiteral("The schedule's next step is %1's, and it has not reached a gate.")
                .arg(QString::fromStdString(m_plan.next().actor)));
        m_planAsked = false;
    }
}

void RunController::setMicro(bool on)
{
    m_micro = on;
    if (active())
        send(microLine(on));
}

void RunController::restart()
{
    if (start())
        run();
}

void RunController::stop()
{
    if (m_host && active()) {
        drain();
        m_stopAsked = true;
        m_stopAtEvent = m_record->history.size();
        m_host->stop();
    }
}

void RunController::tick()
{
    const qint64 begin = m_clock.nsecsElapsed();
    const std::uint64_t before = state().world().eventCount();
    drain();
    const std::uint64_t applied = state().world().eventCount() - before;
    // Redraw when the World moved, and a few times a second anyway while a run is live, so that "waiting
    // for 3 s" keeps counting when nothing moves (a hang, a pause).
    if (applied || (active() && begin - m_lastFrameNs > IDLE_REDRAW_NS)) {
        m_lastFrameNs = begin;
        Q_EMIT frame();
    }
    serveStep();
    servePlannedStep();
    if (begin - m_lastHangCheckNs > HANG_CHECK_NS) {
        m_lastHangCheckNs = begin;
        checkHang();
    }
    const qint64 end = m_clock.nsecsElapsed();
    m_stats.frame(
        static_cast<double>(begin - m_lastTickNs) / 1e6, static_cast<double>(end - begin) / 1e6, applied, backlog());
    m_lastTickNs = begin;
    if (!m_host && backlog() == 0)
        m_frameTimer.stop();
}

void RunController::drain()
{
    const qint64 deadline = m_clock.nsecsElapsed() + FRAME_BUDGET_NS;
    for (int n = 0;; ++n) {
        if (m_backlog.empty() && m_host)
            m_host->takeEvents(m_backlog, 4096);
        if (m_backlog.empty())
            break;
        if ((n & 255) == 255 && m_clock.nsecsElapsed() > deadline)
            break;
        Event e = std::move(m_backlog.front());
        m_backlog.pop_front();
        const bool runEnded = e.type == EventType::RunEnded;
        m_record->apply(std::move(e));
        if (runEnded) {
            setPhase(RunPhase::Ended);
            setMessage(outcomeKind(), withGoal(describeOutcome()));
            Q_EMIT ended();
        }
    }
}

std::size_t RunController::backlog() const
{
    return m_backlog.size() + (m_host ? m_host->pendingEvents() : 0);
}

MessageKind RunController::outcomeKind() const
{
    switch (state().result()) {
    case RunOutcome::Error:
        return MessageKind::Error;
    case RunOutcome::AsDeclared:
        return MessageKind::Success;
    case RunOutcome::Stopped:
        return m_hangWatch.hung() ? MessageKind::Hang : MessageKind::Hint;
    default:
        return MessageKind::Unexpected;
    }
}

QString RunController::describeOutcome() const
{
    const std::string_view reason = state().outcomeReason();
    const QString because = QString::fromUtf8(reason.data(), static_cast<qsizetype>(reason.size()));
    switch (state().result()) {
    case RunOutcome::Stopped:
        if (!m_hangWatch.hung())
            return QStringLiteral("Stopped.");
        return QStringLiteral("Stopped while hung: ") + m_hangWatch.words();
    case RunOutcome::Error:
        return QStringLiteral("The run failed: ") + because;
    case RunOutcome::AsDeclared:
        return QStringLiteral("Finished as the scene declares — ") + because;
    case RunOutcome::NotAsDeclared:
        return QStringLiteral("Finished, but not as the scene declares — ") + because;
    default:
        return QString::fromStdString(state().outcome());
    }
}

QString RunController::withGoal(const QString& words) const
{
    if (!m_scene || !m_scene->goal.declared() || m_stepsGiven == 0 || m_replaying)
        return words;
    const ParamValues values = parseParams(m_scene->params, m_params);
    const auto shown
        = shownOutcome(state().ended(), state().result(), m_hangWatch.hung(), m_scene->expected(values).kind);
    const GoalState goal = checkGoal(m_scene->goal, shown, m_stepsGiven, m_explorerSteps);
    if (goal.words.empty())
        return words;
    // a sentence of its own after the outcome's words, which may end without a full stop
    return words + (words.endsWith(QLatin1Char('.')) ? QStringLiteral(" ") : QStringLiteral(". "))
        + QString::fromStdString(goal.words);
}

void RunController::checkHang()
{
    if (!active() || !m_scene || m_replaying) // a replay's clock is the recorded one, not now
        return;
    if (!m_hangWatch.check(state().world(), monotonicNs(), m_scene->hangAfter))
        return;
    if (m_hangWatch.hung()) {
        m_record->lanes.markHang();
        setMessage(MessageKind::Hang, withGoal(QStringLiteral("Hung: ") + m_hangWatch.words()));
    } else if (m_messageKind == MessageKind::Hang) {
        setMessage(MessageKind::None, {});
    }
    Q_EMIT hangChanged();
}

void RunController::onFinished(bool clean, const QString& words)
{
    if (m_phase == RunPhase::Failed)
        return;
    while (backlog() > 0) // what is left of the stream, whatever the budget
        drain();
    m_keeper.readGrants();
    Q_EMIT frame();
    if (!state().ended()) {
        fail(clean ? QStringLiteral("The scene runner ended without saying how the run ended.") : words);
        return;
    }
    if (m_phase != RunPhase::Ended)
        setPhase(RunPhase::Ended);
}

void RunController::fail(const QString& words)
{
    setMessage(MessageKind::Error, words);
    setPhase(RunPhase::Failed);
    Q_EMIT ended();
}

void RunController::setPhase(RunPhase phase)
{
    if (phase == m_phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged();
}

void RunController::setMessage(MessageKind kind, const QString& text)
{
    if (kind == m_messageKind && text == m_messageText)
        return;
    m_messageKind = kind;
    m_messageText = text;
    Q_EMIT messageChanged();
}

} // namespace mpstage::app
