// SPDX-License-Identifier: MIT
#include "charts/charts_panel.h"

#include "look/theme.h"
#include "model/chart_series.h"
#include "model/run_state.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QRegularExpression>
#include <QScrollArea>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace mpstage::app {

using namespace mp::telemetry;

namespace {
constexpr int REFRESH_MS = 250;
constexpr int CHART_WIDTH = 520;
constexpr int CHART_HEIGHT = 300;
constexpr std::size_t MAX_BARS = 12;

QString words(const std::string& s)
{
    return QString::fromStdString(s);
}

QList<QPointF> steps(const std::vector<charts::QueueSample>& samples, bool total)
{
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(samples.size()) * 2);
    for (const auto& s : samples) {
        const double y = static_cast<double>(total ? s.total() : s.inPipe);
        if (!points.isEmpty())
            points.append(QPointF(s.t, points.back().y())); // depth holds until the next change
        points.append(QPointF(s.t, y));
    }
    return points;
}

double niceTop(double max)
{
    return std::max(1.0, std::ceil(max * 1.1));
}

// A Value's own lock is labelled "lock of value#2" by the engine; call it what the Python code calls it.
QString lockName(const World& world, ObjectId lock)
{
    for (const ObjectInfo* o : world.objects())
        if ((o->kind == ObjectKind::Value || o->kind == ObjectKind::Array) && o->parameter == lock.value
            && world.objectName(lock).rfind("lock of ", 0) == 0)
            return words(world.objectName(o->id)) + QStringLiteral(".get_lock()");
    return words(world.objectName(lock));
}
} // namespace

struct ChartsPanel::Chart {
    Key key;
    QChartView* view = nullptr;
    QChart* chart = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    QLogValueAxis* log = nullptr; // the histogram's count axis
    QLineSeries* lower = nullptr; // queue: in the pipe; value: expected
    QLineSeries* upper = nullptr; // queue: pipe + feeder buffers; value: actual
    QLineSeries* zero = nullptr;
    QLineSeries* cursor = nullptr; // the instant the stage shows, when looking back
    std::map<ActorId, QLineSeries*> producers; // throughput: one line per producer, added as they appear
    QBarSet* bars = nullptr;
    QBarCategoryAxis* categories = nullptr;
};

ChartsPanel::ChartsPanel(std::function<const RunState&()> source, QWidget* parent)
    : QWidget(parent)
    , m_source(std::move(source))
{
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* inner = new QWidget;
    m_row = new QHBoxLayout(inner);
    m_row->setContentsMargins(4, 4, 4, 4);
    m_empty = new QLabel(QStringLiteral("No queue, lock or shared value to chart yet."));
    m_row->addWidget(m_empty);
    m_row->addStretch(1);
    scroll->setWidget(inner);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(scroll);
    m_timer.setInterval(REFRESH_MS);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_timer.start();
}

ChartsPanel::~ChartsPanel() = default;

std::vector<ChartsPanel::Key> ChartsPanel::wanted() const
{
    const World& world = m_source().world();
    std::vector<Key> keys;
    for (const ObjectInfo* o : world.objects()) {
        if (world.queue(o->id)) {
            keys.push_back(Key { 0, o->id });
            keys.push_back(Key { 3, o->id });
        } else if (world.lock(o->id) && (o->kind == ObjectKind::Lock || o->kind == ObjectKind::RLock))
            keys.push_back(Key { 1, o->id });
        else if (o->kind == ObjectKind::Value && world.value(o->id))
            keys.push_back(Key { 2, o->id });
    }
    // queue depth, queue throughput, lock waits, shared values
    const auto rank = [](const Key& k) { return k.kind == 3 ? 1 : k.kind == 0 ? 0 : k.kind + 1; };
    std::stable_sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) { return rank(a) < rank(b); });
    return keys;
}

void ChartsPanel::reset()
{
    rebuild({});
    m_generation = m_lockSamples = ~std::uint64_t { 0 };
}

void ChartsPanel::refresh()
{
    const RunState& state = m_source();
    std::vector<Key> keys = wanted();
    if (keys != m_keys)
        rebuild(keys);
    std::uint64_t lockSamples = 0;
    for (const Key& k : m_keys)
        if (k.kind == 1)
            lockSamples += state.world().lock(k.id)->waitTimes().samples;
    if (state.charts().generation() == m_generation && lockSamples == m_lockSamples)
        return;
    m_generation = state.charts().generation();
    m_lockSamples = lockSamples;
    for (auto& chart : m_charts)
        fill(*chart);
}

void ChartsPanel::rebuild(const std::vector<Key>& keys)
{
    for (auto& chart : m_charts)
        delete chart->view;
    m_charts.clear();
    m_keys = keys;
    m_empty->setVisible(keys.empty());
    const Theme& t = theme();
    const World& world = m_source().world();
    for (const Key& key : keys) {
        auto c = std::make_unique<Chart>();
        c->key = key;
        c->chart = new QChart;
        c->chart->setTheme(t.dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        c->chart->setBackgroundBrush(t.panel);
        c->chart->setMargins(QMargins(4, 4, 4, 4));
        QFont titleFont = font();
        titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
        titleFont.setBold(true);
        c->chart->setTitleFont(titleFont);
        c->chart->setTitleBrush(t.text);
        c->chart->legend()->setAlignment(Qt::AlignBottom);
        c->chart->legend()->setLabelColor(t.text);
        const QString name = words(world.objectName(key.id));
        c->y = new QValueAxis;
        c->y->setLabelFormat(QStringLiteral("%g"));
        if (key.kind == 1) {
            c->chart->setTitle(QStringLiteral("How long acquiring %1 waited").arg(lockName(world, key.id)));
            auto* series = new QBarSeries;
            c->bars = new QBarSet(QStringLiteral("acquisitions"));
            c->bars->setColor(t.accent);
            series->append(c->bars);
            c->chart->addSeries(series);
            c->categories = new QBarCategoryAxis;
            c->categories->setTitleText(QStringLiteral("waited at least"));
            c->categories->setLabelsAngle(-90);
            c->chart->addAxis(c->categories, Qt::AlignBottom);
            // A log scale: most acquisitions wait almost nothing, and the few long waits are the story.
            c->log = new QLogValueAxis;
            c->log->setBase(10);
            c->log->setLabelFormat(QStringLiteral("%g"));
            c->log->setTitleText(QStringLiteral("acquisitions"));
            c->chart->addAxis(c->log, Qt::AlignLeft);
            series->attachAxis(c->categories);
            series->attachAxis(c->log);
            delete c->y;
            c->y = nullptr;
            c->chart->legend()->hide();
        } else {
            c->x = new QValueAxis;
            c->x->setTitleText(QStringLiteral("seconds"));
            c->x->setLabelFormat(QStringLiteral("%.2f"));
            c->chart->addAxis(c->x, Qt::AlignBottom);
            c->chart->addAxis(c->y, Qt::AlignLeft);
            c->lower = new QLineSeries;
            c->upper = new QLineSeries;
            if (key.kind == 0) {
                c->chart->setTitle(QStringLiteral("Items in %1").arg(name));
                c->zero = new QLineSeries;
                auto* pipe = new QAreaSeries(c->lower, c->zero);
                pipe->setName(QStringLiteral("in the pipe"));
                pipe->setColor(t.accent);
                pipe->setBorderColor(t.accent.darker(130));
                auto* buffers = new QAreaSeries(c->upper, c->lower);
                buffers->setName(QStringLiteral("in feeder buffers (not yet in the pipe)"));
                buffers->setColor(t.warn);
                buffers->setBorderColor(t.warn.darker(130));
                for (QAreaSeries* s : { pipe, buffers }) {
                    c->chart->addSeries(s);
                    s->attachAxis(c->x);
                    s->attachAxis(c->y);
                }
                c->y->setTitleText(QStringLiteral("items"));
            } else if (key.kind == 3) {
                c->chart->setTitle(QStringLiteral("Throughput of %1").arg(name));
                c->lower->setName(QStringLiteral("got (all consumers)"));
                c->lower->setPen(QPen(t.text, 3));
                c->chart->addSeries(c->lower);
                c->lower->attachAxis(c->x);
                c->lower->attachAxis(c->y);
                delete c->upper;
                c->upper = nullptr;
                c->y->setTitleText(QStringLiteral("items/s"));
            } else {
                c->chart->setTitle(QStringLiteral("%1: expected and actual").arg(name));
                c->lower->setName(QStringLiteral("expected (initial + writes)"));
                c->upper->setName(QStringLiteral("actual value"));
                c->lower->setPen(QPen(t.ok, 2.5, Qt::DashLine));
                c->upper->setPen(QPen(t.bad, 2.5));
                for (QLineSeries* s : { c->lower, c->upper }) {
                    c->chart->addSeries(s);
                    s->attachAxis(c->x);
                    s->attachAxis(c->y);
                }
            }
        }
        if (c->x) {
            c->cursor = new QLineSeries;
            c->cursor->setName(QStringLiteral("shown on the stage"));
            c->cursor->setPen(QPen(t.text, 2, Qt::DashLine));
            c->chart->addSeries(c->cursor);
            c->cursor->attachAxis(c->x);
            c->cursor->attachAxis(c->y);
            c->chart->legend()->markers(c->cursor).front()->setVisible(false);
        }
        for (QAbstractAxis* axis : c->chart->axes()) {
            axis->setLabelsColor(t.text);
            axis->setTitleBrush(t.muted);
        }
        c->view = new QChartView(c->chart);
        c->view->setRenderHint(QPainter::Antialiasing);
        c->view->setMinimumSize(CHART_WIDTH, CHART_HEIGHT);
        c->view->setObjectName(QStringLiteral("chart"));
        m_row->insertWidget(m_row->count() - 1, c->view, 1);
        m_charts.push_back(std::move(c));
    }
}

void ChartsPanel::fill(Chart& c)
{
    const RunState& state = m_source();
    if (c.key.kind == 1) {
        const auto bars = charts::waitBars(state.world().lock(c.key.id)->waitTimes(), MAX_BARS);
        QStringList labels;
        QList<qreal> counts;
        double max = 0;
        for (const auto& b : bars) {
            labels.append(words(b.label));
            // a log axis has no 0: an empty bucket is drawn below the axis (hidden) instead
            counts.append(b.count ? static_cast<qreal>(b.count) : 0.5);
            max = std::max(max, static_cast<double>(b.count));
        }
        c.categories->setCategories(labels);
        c.bars->remove(0, c.bars->count());
        c.bars->append(counts);
        c.log->setRange(0.8, std::pow(10.0, std::ceil(std::log10(std::max(max, 1.0)) + 0.05)));
        return;
    }
    double tEnd = 0;
    double lo = 0;
    double hi = 1;
    if (c.key.kind == 0) {
        const auto it = state.charts().queues().find(c.key.id);
        if (it == state.charts().queues().end())
            return;
        const QList<QPointF> pipe = steps(it->second, false);
        const QList<QPointF> total = steps(it->second, true);
        QList<QPointF> zero;
        for (const QPointF& p : pipe)
            zero.append(QPointF(p.x(), 0));
        c.lower->replace(pipe);
        c.upper->replace(total);
        c.zero->replace(zero);
        for (const QPointF& p : total)
            hi = std::max(hi, p.y());
        tEnd = it->second.empty() ? 0 : it->second.back().t;
    } else if (c.key.kind == 3) {
        const auto it = state.charts().throughput().find(c.key.id);
        if (it == state.charts().throughput().end())
            return;
        const auto toPoints = [&](const charts::RateSeries& s) {
            QList<QPointF> points;
            for (const auto& [t, rate] : s.perSecond()) {
                points.append(QPointF(t, rate));
                hi = std::max(hi, rate);
                tEnd = std::max(tEnd, t);
            }
            return points;
        };
        c.lower->replace(toPoints(it->second.got));
        for (const auto& [actor, series] : it->second.putBy) {
            QLineSeries*& line = c.producers[actor];
            if (!line) {
                line = new QLineSeries;
                line->setName(QStringLiteral("put by ") + words(state.world().actorName(actor)));
                line->setPen(QPen(theme().actor(actor), 2));
                c.chart->addSeries(line);
                line->attachAxis(c.x);
                line->attachAxis(c.y);
            }
            line->replace(toPoints(series));
        }
    } else {
        const auto it = state.charts().values().find(c.key.id);
        if (it == state.charts().values().end())
            return;
        QList<QPointF> expected;
        QList<QPointF> actual;
        lo = it->second.empty() ? 0 : std::min(it->second.front().expected, it->second.front().actual);
        for (const auto& v : it->second) {
            expected.append(QPointF(v.t, v.expected));
            actual.append(QPointF(v.t, v.actual));
            hi = std::max({ hi, v.expected, v.actual });
            lo = std::min({ lo, v.expected, v.actual });
        }
        c.lower->replace(expected);
        c.upper->replace(actual);
        tEnd = it->second.empty() ? 0 : it->second.back().t;
        lo = std::floor(lo);
    }
    c.x->setRange(0, std::max(tEnd, 0.001));
    c.y->setRange(lo, niceTop(hi));
    c.y->applyNiceNumbers();
    placeCursor(c);
}

void ChartsPanel::placeCursor(Chart& c)
{
    if (!c.cursor)
        return;
    if (!m_cursor) {
        c.cursor->clear();
        return;
    }
    c.cursor->replace(QList<QPointF> { QPointF(*m_cursor, c.y->min()), QPointF(*m_cursor, c.y->max()) });
}

void ChartsPanel::setCursor(std::optional<double> seconds)
{
    m_cursor = seconds;
    for (auto& chart : m_charts)
        placeCursor(*chart);
}

std::vector<std::pair<QString, QImage>> ChartsPanel::images(QSize size)
{
    refresh();
    std::vector<std::pair<QString, QImage>> out;
    const World& world = m_source().world();
    for (const auto& c : m_charts) {
        QString name = QString::fromStdString(world.objectName(c->key.id));
        name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("_"));
        const QString kind = c->key.kind == 0 ? QStringLiteral("queue-")
            : c->key.kind == 1                ? QStringLiteral("lock-")
            : c->key.kind == 3                ? QStringLiteral("throughput-")
                                              : QStringLiteral("value-");
        const QSize before = c->view->size();
        c->view->resize(size); // drawn at the asked size, whatever room the panel gives it
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(theme().panel);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        c->view->render(&painter);
        painter.end();
        c->view->resize(before);
        out.emplace_back(kind + name + QStringLiteral(".png"), std::move(image));
    }
    return out;
}

std::vector<std::pair<QString, QByteArray>> ChartsPanel::csvFiles() const
{
    const RunState& state = m_source();
    std::vector<std::pair<QString, QByteArray>> files;
    auto file = [](const std::string& name) {
        QString safe = QString::fromStdString(name);
        for (QChar& ch : safe)
            if (!ch.isLetterOrNumber() && ch != u'_' && ch != u'-')
                ch = u'_';
        return safe;
    };
    for (const auto& [id, samples] : state.charts().queues())
        files.emplace_back(QStringLiteral("queue-") + file(state.world().objectName(id)) + QStringLiteral(".csv"),
            QByteArray::fromStdString(charts::queueCsv(samples)));
    for (const auto& [id, through] : state.charts().throughput()) {
        std::vector<std::string> names;
        names.reserve(through.putBy.size());
        for (const auto& [actor, series] : through.putBy)
            names.push_back(file(state.world().actorName(actor)).toStdString());
        files.emplace_back(QStringLiteral("throughput-") + file(state.world().objectName(id)) + QStringLiteral(".csv"),
            QByteArray::fromStdString(charts::throughputCsv(through, names)));
    }
    for (const auto& [id, samples] : state.charts().values())
        files.emplace_back(QStringLiteral("value-") + file(state.world().objectName(id)) + QStringLiteral(".csv"),
            QByteArray::fromStdString(charts::valueCsv(samples)));
    for (const ObjectInfo* o : state.world().objects())
        if (const LockState* lock = state.world().lock(o->id); lock && lock->waitTimes().samples > 0)
            files.emplace_back(QStringLiteral("lock-waits-")
                    + file(o->label.empty() ? state.world().objectName(o->id) : o->label) + QStringLiteral(".csv"),
                QByteArray::fromStdString(charts::histogramCsv(charts::waitBars(lock->waitTimes()))));
    return files;
}

} // namespace mpstage::app
