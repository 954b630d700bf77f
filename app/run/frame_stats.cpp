// SPDX-License-Identifier: MIT
#include "run/frame_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace mpstage::app {

namespace {

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    const auto k = static_cast<std::size_t>(std::lround(p / 100.0 * static_cast<double>(values.size() - 1)));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
    return values[k];
}

long statusKiB(const char* key)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(key) + ":";
    while (std::getline(in, line))
        if (line.rfind(prefix, 0) == 0)
            return std::atol(line.c_str() + prefix.size());
    return 0;
}

} // namespace

void FrameStats::frame(double intervalMs, double workMs, std::uint64_t events, std::size_t backlog)
{
    ++m_frames;
    m_maxBacklog = std::max(m_maxBacklog, backlog);
    if (events == 0)
        return;
    m_events += events;
    m_busyMs += intervalMs;
    m_maxInterval = std::max(m_maxInterval, intervalMs);
    m_intervals.push_back(intervalMs);
    m_work.push_back(workMs);
}

double FrameStats::intervalPercentile(double p) const
{
    return percentile(m_intervals, p);
}
double FrameStats::workPercentile(double p) const
{
    return percentile(m_work, p);
}
double FrameStats::eventsPerSecond() const
{
    return m_busyMs > 0 ? static_cast<double>(m_events) * 1000.0 / m_busyMs : 0;
}

std::string FrameStats::summary() const
{
    char buf[512];
    std::snprintf(buf, sizeof buf,
        "frames with events: %zu, events: %llu (%.0f/s while streaming)\n"
        "frame interval ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f\n"
        "work per frame ms: p50 %.2f  p95 %.2f  max %.2f\n"
        "largest backlog carried to the next frame: %zu events\n"
        "resident memory: %ld KiB (peak %ld KiB)\n",
        m_intervals.size(), static_cast<unsigned long long>(m_events), eventsPerSecond(), intervalPercentile(50),
        intervalPercentile(95), intervalPercentile(99), m_maxInterval, workPercentile(50), workPercentile(95),
        percentile(m_work, 100), m_maxBacklog, residentKiB(), peakResidentKiB());
    return buf;
}

long residentKiB()
{
    return statusKiB("VmRSS");
}
long peakResidentKiB()
{
    return statusKiB("VmHWM");
}

} // namespace mpstage::app
