// SPDX-License-Identifier: MIT
#include "model/chart_series.h"

#include <mp/telemetry/event_views.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>

namespace mpstage::charts {

using namespace mp::telemetry;

ChartSeries::ChartSeries(std::size_t cap)
    : m_cap(cap)
{
}

RateSeries::RateSeries(double firstBinS, std::size_t maxBins)
    : m_width(firstBinS > 0 ? firstBinS : 0.001)
    , m_maxBins(std::max<std::size_t>(maxBins, 2))
{
}

void RateSeries::add(double t)
{
    auto bin = static_cast<std::size_t>(std::max(t, 0.0) / m_width);
    while (bin >= m_maxBins) { // the run outgrew the bins: merge neighbours, double the width
        std::vector<std::uint32_t> merged((m_counts.size() + 1) / 2);
        for (std::size_t i = 0; i < m_counts.size(); ++i)
            merged[i / 2] += m_counts[i];
        m_counts.swap(merged);
        m_width *= 2;
        bin = static_cast<std::size_t>(std::max(t, 0.0) / m_width);
    }
    if (m_counts.size() <= bin)
        m_counts.resize(bin + 1);
    ++m_counts[bin];
    ++m_total;
}

std::vector<std::pair<double, double>> RateSeries::perSecond(std::size_t points) const
{
    std::vector<std::pair<double, double>> out;
    if (m_counts.empty() || points == 0)
        return out;
    const std::size_t group = (m_counts.size() + points - 1) / points;
    const double width = m_width * static_cast<double>(group);
    for (std::size_t i = 0; i < m_counts.size(); i += group) {
        std::uint64_t n = 0;
        for (std::size_t j = i; j < std::min(i + group, m_counts.size()); ++j)
            n += m_counts[j];
        out.emplace_back(m_width * static_cast<double>(i) + width / 2, static_cast<double>(n) / width);
    }
    return out;
}

void ChartSeries::apply(const World& world, const Event& e)
{
    const std::uint64_t start = world.run().startNs;
    const double t = e.timeNs > start ? static_cast<double>(e.timeNs - start) / 1e9 : 0.0;
    if ((e.type == EventType::PutCalled || e.type == EventType::GetReturned) && world.queue(e.object)) {
        Throughput& through = m_throughput[e.object];
        (e.type == EventType::PutCalled ? through.putBy[e.actor] : through.got).add(t);
        ++m_generation;
    }
    if (e.type == EventType::ActorExited) { // a dying producer's buffer goes with it
        for (const ObjectInfo* o : world.objects())
            if (world.queue(o->id))
                sampleQueue(world, o->id, t);
        return;
    }
    if (!e.object)
        return;
    if (world.queue(e.object)) {
        sampleQueue(world, e.object, t);
    } else if (is<ValueWritten>(e) && as<ValueWritten>(e).index == 0) {
        const auto v = as<ValueWritten>(e);
        const ObjectInfo* info = world.object(v.value);
        if (info && info->known && info->kind != ObjectKind::Value)
            return; // an Array's cells are not one counter
        const double written = std::strtod(v.repr.c_str(), nullptr);
        if (v.version == 0) { // the initial contents, written as version 0 when the Value is created
            m_initial[v.value] = written;
        }
        // Version w is the w-th write of the cell by anyone (a shared counter), so initial + w is what the
        // value would be if no update had been lost, whatever order the actors' frames arrived in.
        const auto initial = m_initial.find(v.value);
        const double expected = (initial == m_initial.end() ? 0.0 : initial->second) + static_cast<double>(v.version);
        auto& series = m_values[v.value];
        const ValueSample sample { t, expected, written };
        auto at = series.end(); // frames of different actors may arrive out of time order
        while (at != series.begin() && std::prev(at)->t > t)
            --at;
        series.insert(at, sample);
        decimate(series, m_cap);
        ++m_generation;
    }
}

void ChartSeries::sampleQueue(const World& world, ObjectId queue, double t)
{
    const QueueState* q = world.queue(queue);
    auto& series = m_queues[queue];
    // The depth is the World's after this event, in arrival order: keep time from stepping back.
    const QueueSample sample { series.empty() ? t : std::max(t, series.back().t), q->bufferedCount(),
        q->inPipeCount() };
    if (series.empty()) { // every queue starts empty at the start of the run
        series.push_back(QueueSample {});
        ++m_generation;
    }
    if (series.back().buffered == sample.buffered && series.back().inPipe == sample.inPipe)
        return;
    series.push_back(sample);
    decimate(series, m_cap);
    ++m_generation;
}

std::string formatNs(std::uint64_t ns)
{
    static const char* const units[] = { "ns", "µs", "ms", "s" };
    double v = static_cast<double>(ns);
    std::size_t u = 0;
    while (v >= 1000 && u < 3) {
        v /= 1000;
        ++u;
    }
    char text[32];
    std::snprintf(text, sizeof text, v < 10 && u > 0 ? "%.1f%s" : "%.0f%s", v, units[u]);
    return text;
}

std::vector<HistogramBar> waitBars(const WaitHistogram& h, std::size_t maxBars)
{
    std::size_t first = WaitHistogram::BUCKETS;
    std::size_t last = 0;
    for (std::size_t i = 0; i < WaitHistogram::BUCKETS; ++i) {
        if (h.counts[i] == 0)
            continue;
        first = std::min(first, i);
        last = i;
    }
    std::vector<HistogramBar> bars;
    if (first == WaitHistogram::BUCKETS)
        return bars;
    const std::size_t n = last - first + 1;
    const std::size_t width = maxBars == 0 ? 1 : (n + maxBars - 1) / maxBars; // buckets per bar
    for (std::size_t i = first; i <= last; i += width) {
        HistogramBar bar { formatNs(i == 0 ? 0 : std::uint64_t { 1 } << i), 0 };
        for (std::size_t j = i; j < i + width && j < WaitHistogram::BUCKETS; ++j)
            bar.count += h.counts[j];
        bars.push_back(std::move(bar));
    }
    return bars;
}

std::string queueCsv(const std::vector<QueueSample>& samples)
{
    std::string out = "seconds,in_feeder_buffers,in_pipe,total\n";
    char line[96];
    for (const QueueSample& s : samples) {
        std::snprintf(line, sizeof line, "%.9f,%zu,%zu,%zu\n", s.t, s.buffered, s.inPipe, s.total());
        out += line;
    }
    return out;
}

std::string valueCsv(const std::vector<ValueSample>& samples)
{
    std::string out = "seconds,expected,actual\n";
    char line[96];
    for (const ValueSample& s : samples) {
        std::snprintf(line, sizeof line, "%.9f,%.17g,%.17g\n", s.t, s.expected, s.actual);
        out += line;
    }
    return out;
}

std::string histogramCsv(const std::vector<HistogramBar>& bars)
{
    std::string out = "wait_at_least,acquisitions\n";
    for (const HistogramBar& b : bars)
        out += b.label + ',' + std::to_string(b.count) + '\n';
    return out;
}

std::string throughputCsv(const Throughput& throughput, const std::vector<std::string>& names)
{
    // one row per bin of the finest series, every column at that bin's time
    std::string out = "seconds,got_per_second";
    for (const std::string& n : names)
        out += ",put_per_second_" + n;
    out += "\n";
    const auto got = throughput.got.perSecond(throughput.got.counts().size());
    std::vector<std::vector<std::pair<double, double>>> puts;
    puts.reserve(throughput.putBy.size());
    for (const auto& [actor, series] : throughput.putBy)
        puts.push_back(series.perSecond(series.counts().size()));
    const auto rateAt = [](const std::vector<std::pair<double, double>>& s, double t) {
        for (const auto& [middle, rate] : s)
            if (middle >= t)
                return rate;
        return 0.0;
    };
    char cell[64];
    for (const auto& [t, rate] : got) {
        std::snprintf(cell, sizeof cell, "%.6f,%.1f", t, rate);
        out += cell;
        for (const auto& p : puts) {
            std::snprintf(cell, sizeof cell, ",%.1f", rateAt(p, t));
            out += cell;
        }
        out += "\n";
    }
    return out;
}

} // namespace mpstage::charts
