// SPDX-License-Identifier: MIT
#pragma once
// The data behind the charts, folded from the same events as the World (plain C++, no Qt, tested by feeding
// hand-built events): a queue's depth over time split into what waits in producers' feeder buffers and what
// is already in the pipe (the band between the two lines is the lag that makes qsize() and empty() lie), a
// lock's wait-time histogram (read from the World's LockState), and a shared counter's expected against
// actual value (the n-th write should leave initial + n; a lost update shows as a gap that never closes).
// Every series is capped: past the cap every other point is dropped, so a long run costs bounded memory and
// the chart keeps its whole time range at a coarser grain.

#include <mp/telemetry/world.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mpstage::charts {

struct QueueSample {
    double t = 0; // seconds since the run started
    std::size_t buffered = 0; // in producers' feeder buffers
    std::size_t inPipe = 0;
    std::size_t total() const { return buffered + inPipe; }
    friend bool operator==(const QueueSample&, const QueueSample&) = default;
};

struct ValueSample {
    double t = 0;
    double expected = 0; // initial value + writes so far (the write's version)
    double actual = 0; // the value written
    friend bool operator==(const ValueSample&, const ValueSample&) = default;
};

struct HistogramBar {
    std::string label; // the lower bound of the waits it counts ("1.0 µs", "2.1 ms" ...)
    std::uint64_t count = 0;
    friend bool operator==(const HistogramBar&, const HistogramBar&) = default;
};

// Halves `points` (keeping the first and the last) while it holds more than `cap`.
template <typename Point> void decimate(std::vector<Point>& points, std::size_t cap)
{
    while (cap >= 2 && points.size() > cap) {
        std::vector<Point> kept;
        kept.reserve(points.size() / 2 + 2);
        for (std::size_t i = 0; i < points.size(); i += 2)
            kept.push_back(points[i]);
        if (points.size() % 2 == 0)
            kept.push_back(points.back());
        points.swap(kept);
    }
}

// The histogram's non-empty range of power-of-two buckets, as bars (empty if no acquisition was made); with
// maxBars, neighbouring buckets are merged so that there are at most that many.
std::vector<HistogramBar> waitBars(const mp::telemetry::WaitHistogram& histogram, std::size_t maxBars = 0);
std::string formatNs(std::uint64_t ns);

// Events per second over a run, counted in bins that double in width (neighbours merged) whenever there
// would be more than maxBins, so a run of any length costs at most maxBins counters.
class RateSeries {
public:
    explicit RateSeries(double firstBinS = 0.001, std::size_t maxBins = 512);
    void add(double t); // seconds since the run started
    double binWidth() const { return m_width; }
    const std::vector<std::uint32_t>& counts() const { return m_counts; }
    std::uint64_t total() const { return m_total; }
    // (middle of the bin, events per second), in bins grouped so that there are at most `points` of them.
    std::vector<std::pair<double, double>> perSecond(std::size_t points = 60) const;
    friend bool operator==(const RateSeries&, const RateSeries&) = default;

private:
    double m_width;
    std::size_t m_maxBins;
    std::vector<std::uint32_t> m_counts;
    std::uint64_t m_total = 0;
};

// A queue's throughput: what its consumers got, and what each producer put.
struct Throughput {
    RateSeries got;
    std::map<mp::telemetry::ActorId, RateSeries> putBy;
    friend bool operator==(const Throughput&, const Throughput&) = default;
};

class ChartSeries {
public:
    explicit ChartSeries(std::size_t cap = 2000);

    // Call with the World after it applied `event` (the depth a sample records is the depth the event left).
    void apply(const mp::telemetry::World& world, const mp::telemetry::Event& event);

    const std::map<mp::telemetry::ObjectId, std::vector<QueueSample>>& queues() const { return m_queues; }
    const std::map<mp::telemetry::ObjectId, std::vector<ValueSample>>& values() const { return m_values; }
    const std::map<mp::telemetry::ObjectId, Throughput>& throughput() const { return m_throughput; }
    // Bumped whenever a series changed, so a view refreshes only when there is something new.
    std::uint64_t generation() const { return m_generation; }
    std::size_t cap() const { return m_cap; }

private:
    void sampleQueue(const mp::telemetry::World& world, mp::telemetry::ObjectId queue, double t);

    std::size_t m_cap;
    std::map<mp::telemetry::ObjectId, std::vector<QueueSample>> m_queues;
    std::map<mp::telemetry::ObjectId, std::vector<ValueSample>> m_values;
    std::map<mp::telemetry::ObjectId, Throughput> m_throughput;
    std::map<mp::telemetry::ObjectId, double> m_initial; // from the version-0 write
    std::uint64_t m_generation = 0;
};

// Comma-separated data of one chart, with a header line (for File > Export).
std::string queueCsv(const std::vector<QueueSample>& samples);
std::string valueCsv(const std::vector<ValueSample>& samples);
std::string histogramCsv(const std::vector<HistogramBar>& bars);
// seconds, got per second, then one column per producer (named by `names`, in the map's order).
std::string throughputCsv(const Throughput& throughput, const std::vector<std::string>& names);

} // namespace mpstage::charts
