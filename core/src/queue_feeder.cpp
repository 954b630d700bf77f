// SPDX-License-Identifier: MIT
// The feeder thread of a Queue (Queue._feed): takes what put() left in the local buffer, encodes it outside
// the writer lock and writes it to the pipe under the writer lock. Small messages buffered at one wake-up
// are framed one after another and go out together in writes of at most PIPE_BUF bytes, which the kernel
// makes atomic: at any instant the pipe holds whole messages only, except for a message larger than
// PIPE_BUF, which gets a write of its own exactly as in CPython. The reader cannot tell the difference from
// one write per item; that is where most of the speed over CPython comes from.

#include <mp/errors.h>
#include <mp/pickle.h>

#include "connection_io.h"
#include "queue_state.h"

#include <chrono>
#include <climits>
#include <iostream>

namespace mp::detail {

namespace {

// Queue._on_queue_feeder_error: CPython prints the traceback and carries on.
void reportFeederError(const Error& e)
{
    std::cerr << "Traceback (most recent call last):\n  File \"<mp::Queue feeder thread>\", in _feed\n"
              << e.type_name() << (std::string(e.what()).empty() ? "" : ": ") << e.what() << std::endl;
}


} // namespace

void QueueState::feed(QueueLocal& l)
{
    std::deque<std::optional<Object>> batch;
    std::string frames;
    std::size_t framed = 0;
    auto flush = [&] {
        if (frames.empty())
            return;
        try {
            Guard g(wlock);
            writeRaw(writer.fileno(), frames);
        } catch (const Error& e) {
            if (!isExiting()) {
                for (std::size_t i = 0; i < framed; ++i) { // every item in the failed write was not sent
                    sem.release();
                    reportFeederError(e);
                }
            }
        }
        frames.clear();
        framed = 0;
    };
    for (;;) {
        {
            std::unique_lock lock(l.mutex);
            l.notempty.wait(lock, [&] { return !l.buffer.empty(); });
            if (feederDelay > 0) {
                batch.push_back(std::move(l.buffer.front()));
                l.buffer.pop_front();
            } else {
                batch.swap(l.buffer);
            }
        }
        if (feederDelay > 0 && batch.front())
            std::this_thread::sleep_for(std::chrono::duration<double>(feederDelay));
        for (auto& item : batch) {
            if (!item) {
                flush();
                reader.close();
                writer.close();
                return;
            }
            std::string payload;
            try {
                payload = dumps(*item);
            } catch (const Error& e) {
                // The item is dropped: give its slot back so qsize() and full() stay right (bpo-30414).
                sem.release();
                reportFeederError(e);
                continue;
            }
            if (frames.size() + payload.size() + 4 > PIPE_BUF)
                flush();
            appendFrame(frames, payload);
            ++framed;
        }
        batch.clear();
        flush();
    }
}

} // namespace mp::detail
