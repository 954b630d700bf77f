// SPDX-License-Identifier: MIT
// The feeder thread of a Queue (Queue._feed): takes what put() left in the local buffer, encodes it outside
// the writer lock and writes it to the pipe under the writer lock. Small messages buffered at one wake-up
// are framed one after another and go out together in writes of at most PIPE_BUF bytes, which the kernel
// makes atomic: at any instant the pipe holds whole messages only, except for a message larger than
// PIPE_BUF, which gets a write of its own exactly as in CPython. The reader cannot tell the difference from
// one write per item; that is where most of the speed over CPython comes from.

#include <mp/errors.h>
#include <mp/pickle.h>

#include "actor/probe.h"
#include "connection_io.h"
#include "fork_gate.h"
#include "queue_state.h"

#include <chrono>
#include <climits>
#include <iostream>
#include <vector>

namespace mp::detail {

namespace {

// Queue._on_queue_feeder_error: CPython prints the traceback and carries on.
void reportFeederError(const Error& e)
{
    // one write, so that the error reaches the console as one piece
    const std::string what = e.what();
    std::cerr << std::string("Traceback (most recent call last):\n  File \"<mp::Queue feeder thread>\", in _feed\n")
            + e.type_name() + (what.empty() ? "" : ": ") + what + "\n"
              << std::flush;
}

// When micro-stepping, the feeder writes one item per step so each write can be watched.
bool micro()
{
    return telemetry::g_actor && telemetry::g_actor->control()->micro.load(std::memory_order_relaxed) != 0
        && telemetry::g_actor->control()->mode.load(std::memory_order_relaxed) != telemetry::ControlBlock::Run;
}

} // namespace

void QueueState::feed(QueueLocal& l)
{
    namespace probe = telemetry::probe;
    AllocatingSection allocating; // let go wherever the feeder waits (fork_gate.h)
    probe::event(telemetry::EventType::FeederStarted, object);
    std::deque<Buffered> batch;
    std::string frames;
    std::vector<telemetry::ItemId> framed; // the items in `frames`, in order
    auto flush = [&] {
        if (frames.empty())
            return;
        OutsideSection waits(allocating); // the gate, the writer lock and the pipe may all wait
        probe::gate(true, "feeder: write to the pipe");
        std::int64_t firstIndex = 0;
        try {
            probe::Blocking blocking(object, "feed");
            Guard g(wlock);
            writeRaw(writer.fileno(), frames);
            if (written)
                firstIndex = static_cast<std::int64_t>(written->fetch_add(framed.size()));
        } catch (const Error& e) {
            if (!isExiting()) {
                for (std::size_t i = 0; i < framed.size(); ++i) { // every item in the failed write was not sent
                    sem.release();
                    reportFeederError(e);
                }
            }
            framed.clear();
        }
        for (std::size_t i = 0; i < framed.size(); ++i)
            probe::event(telemetry::EventType::FeederWritten, object, firstIndex + static_cast<std::int64_t>(i), 0, {},
                framed[i]);
        frames.clear();
        framed.clear();
    };
    for (;;) {
        {
            std::unique_lock lock(l.mutex);
            if (l.buffer.empty()) {
                OutsideSection waits(allocating);
                if (telemetry::g_actor)
                    telemetry::g_actor->flush(); // going idle: let what was reported leave now
                l.notempty.wait(lock, [&] { return !l.buffer.empty(); });
            }
            if (feederDelay > 0) {
                batch.push_back(std::move(l.buffer.front()));
                l.buffer.pop_front();
            } else {
                batch.swap(l.buffer);
            }
        }
        if (feederDelay > 0 && batch.front().obj) {
            OutsideSection waits(allocating);
            std::this_thread::sleep_for(std::chrono::duration<double>(feederDelay));
        }
        for (Buffered& item : batch) {
            if (!item.obj) {
                flush();
                reader.close();
                writer.close();
                bool freeState = false;
                {
                    std::lock_guard lock(l.mutex);
                    freeState = l.feederFreesState;
                }
                if (freeState)
                    delete this; // QueueState::release: nobody else holds the queue (l goes with it)
                return;
            }
            std::string payload;
            try {
                payload = dumps(*item.obj);
            } catch (const ReportedLater& e) {
                sem.release(); // as below; then the embedding reports it (a Python queue's onerror)
                e.report();
                continue;
            } catch (const Error& e) {
                // The item is dropped: give its slot back so qsize() and full() stay right (bpo-30414).
                sem.release();
                reportFeederError(e);
                continue;
            }
            if (frames.size() + payload.size() + 4 > PIPE_BUF || (!framed.empty() && micro()))
                flush();
            appendFrame(frames, payload);
            framed.push_back(item.item);
        }
        batch.clear();
        flush();
    }
}

} // namespace mp::detail
