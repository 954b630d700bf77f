// SPDX-License-Identifier: MIT
#pragma once
// How the frame loop keeps up with the stream: time between frames, work per frame, events applied and
// the largest backlog of decoded events left for a later frame. Printed by `mpstage --perf` when the run
// ends; plain C++ so it can be tested.

#include <cstdint>
#include <string>
#include <vector>

namespace mpstage::app {

class FrameStats {
public:
    void frame(double intervalMs, double workMs, std::uint64_t events, std::size_t backlog);
    std::uint64_t frames() const { return m_frames; }
    std::uint64_t events() const { return m_events; }
    std::size_t maxBacklog() const { return m_maxBacklog; }
    // The p-th percentile (0..100) of the frame interval and of the work per frame, in ms.
    double intervalPercentile(double p) const;
    double workPercentile(double p) const;
    double maxIntervalMs() const { return m_maxInterval; }
    // Frames during which events arrived: events / their summed interval.
    double eventsPerSecond() const;
    std::string summary() const;

private:
    std::vector<double> m_intervals; // only frames that applied events
    std::vector<double> m_work;
    std::uint64_t m_frames = 0;
    std::uint64_t m_events = 0;
    double m_busyMs = 0;
    double m_maxInterval = 0;
    std::size_t m_maxBacklog = 0;
};

// Resident memory of this process in KiB (from /proc/self/status), 0 if unknown.
long residentKiB();
long peakResidentKiB();

} // namespace mpstage::app
