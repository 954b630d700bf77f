// SPDX-License-Identifier: MIT
#pragma once
// The charts beside the stage (View > Charts, key C): one chart per queue (depth over time, the feeder
// buffers as a band above the pipe), per lock (wait-time histogram) and per shared Value (expected against
// actual). It reads the RunState's ChartSeries on a timer and refills whole series at once (never point by
// point), so a fast run costs a few chart updates a second. The only place the app touches Qt Charts.

#include <mp/telemetry/ids.h>

#include <QImage>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class QChart;
class QChartView;
class QHBoxLayout;
class QLabel;

namespace mpstage::app {

class RunState;

class ChartsPanel : public QWidget {
    Q_OBJECT

public:
    explicit ChartsPanel(std::function<const RunState&()> source, QWidget* parent = nullptr);
    ~ChartsPanel() override;

    // Brings every chart up to date now (the timer does it while the panel is visible).
    void refresh();
    // Forgets the charts (a new run or scene).
    void reset();
    int chartCount() const { return static_cast<int>(m_charts.size()); }
    // A vertical line at the instant the stage shows when looking back (seconds since the run started), or
    // none while the stage is live.
    void setCursor(std::optional<double> seconds);
    std::optional<double> cursor() const { return m_cursor; }
    // The charts' data as CSV files: (suggested file name, contents).
    std::vector<std::pair<QString, QByteArray>> csvFiles() const;
    // Each chart drawn at `size` as a PNG: (suggested file name, image). Brings the charts up to date first.
    std::vector<std::pair<QString, QImage>> images(QSize size);

private:
    struct Chart;
    struct Key {
        int kind = 0; // 0 queue depth, 1 lock, 2 value, 3 queue throughput
        mp::telemetry::ObjectId id;
        auto operator<=>(const Key&) const = default;
    };
    std::vector<Key> wanted() const;
    void rebuild(const std::vector<Key>& keys);
    void fill(Chart& chart);
    void placeCursor(Chart& chart);

    std::function<const RunState&()> m_source;
    QTimer m_timer;
    QHBoxLayout* m_row;
    QLabel* m_empty;
    std::vector<Key> m_keys;
    std::vector<std::unique_ptr<Chart>> m_charts;
    std::uint64_t m_generation = ~std::uint64_t { 0 };
    std::uint64_t m_lockSamples = ~std::uint64_t { 0 };
    std::optional<double> m_cursor;
};

} // namespace mpstage::app
