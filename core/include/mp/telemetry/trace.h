// SPDX-License-Identifier: MIT
#pragma once
// Chrome trace-event JSON from a run's events, which Perfetto and chrome://tracing open: each actor is a
// process track, its main thread and its queue feeder threads are thread tracks, blocking and gate waits
// are slices, every queue item is a flow arrow from its put() to its get(), and queue depth (in feeder
// buffers / in the pipe) and lock waiters are counter tracks. The headless runner and the app share it.

#include <mp/telemetry/world.h>

#include <memory>
#include <string>

namespace mp::telemetry {

class TraceWriter {
public:
    TraceWriter();
    ~TraceWriter();
    TraceWriter(const TraceWriter&) = delete;
    TraceWriter& operator=(const TraceWriter&) = delete;

    // Feed every event in the order the World applies it, with the World as it was before the event.
    void add(const World& before, const Event& event);
    std::string json() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace mp::telemetry
