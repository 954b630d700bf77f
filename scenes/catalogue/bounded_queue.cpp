// SPDX-License-Identifier: MIT
// Seed 000: "If you do specify a maxsize parameter then the Queue can only hold that number of items ... it is
// possible for a put to have to wait until a space in the Queue becomes available." put() on a full queue
// blocks; put_nowait() and put(timeout=...) raise Full instead, get_nowait() and get(timeout=...) raise Empty.

#include "scene_support.h"
#include "scenes.h"

#include <mp/errors.h>
#include <mp/process.h>
#include <mp/queues.h>

#include <chrono>
#include <thread>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "bounded-queue";

constexpr const char* LISTING = R"(import multiprocessing
import queue
import time


def slow_consumer(q):
    time.sleep({delay})  @sleep
    print('consumer got', q.get())  @cget


if __name__ == '__main__':
    q = multiprocessing.Queue(maxsize={maxsize})  @queue
    for i in range({maxsize}):
        q.put(i)  @fill
    print('full():', q.full(), 'qsize():', q.qsize())  @full
    try:
        q.put_nowait('one more')  @nowait
    except queue.Full:
        print('put_nowait(): Full')  @nowait_full
    try:
        q.put('one more', timeout={timeout})  @timeout
    except queue.Full:
        print('put(timeout={timeout}): Full')  @timeout_full
[+consumer]     p = multiprocessing.Process(target=slow_consumer, args=(q,))
[+consumer]     start = time.monotonic()
[+consumer]     p.start()  @start
    q.put('one more')  # blocks until there is room  @put
[+consumer]     waited = time.monotonic() - start
[+consumer]     p.join()  @join
[+consumer]     print('put() blocked until the consumer made room:', waited >= {delay})  @waited
    while True:
        try:
            print('got', q.get(timeout={timeout}))  @get
        except queue.Empty:
            print('get(timeout={timeout}): Empty')  @get_empty
            break
    try:
        q.get_nowait()  @get_nowait
    except queue.Empty:
        print('get_nowait(): Empty')  @get_nowait_empty
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, { { "consumer", p.boolean("consumer") } },
        { { "maxsize", std::to_string(p.integer("maxsize")) }, { "delay", pythonFloat(p.real("delay")) },
            { "timeout", pythonFloat(p.real("timeout")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo boundedQueueInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "Queue(maxsize): put() waits for room";
    s.summary = "A Queue built with maxsize holds at most that many items. Once it is full, put() waits until a "
                "consumer gets one; put_nowait() and put(timeout=...) raise queue.Full instead of waiting, and on "
                "an empty queue get_nowait() and get(timeout=...) raise queue.Empty. Without a consumer, the "
                "blocking put() waits for ever.";
    s.difficulty = 1;
    s.tags = { "queue", "seed" };
    s.params = {
        { "maxsize", "maxsize", "how many items the queue may hold", ParamType::Int, "3", 1, 10 },
        { "delay", "Consumer's delay (s)", "how long the consumer sleeps before it gets one item", ParamType::Float,
            "0.5", 0.1, 3 },
        { "timeout", "Timeout (s)", "the timeout given to put() and get()", ParamType::Float, "0.2", 0.05, 2 },
        { "consumer", "Start the consumer", "start a process that gets one item after its delay", ParamType::Bool,
            "true" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the counter of free places on q: every put() takes one, every get() gives one back, whether or not "
        "the item has reached the pipe yet.",
        "The queue is full. What do put_nowait() and put() with a timeout do? And the plain put() after the consumer "
        "has started?",
        "maxsize counts items, not bytes: a semaphore that starts at maxsize. put_nowait() finds it at zero and "
        "raises Full at once; put(timeout=0.2) waits 0.2 seconds first. The plain put() waits as long as it takes: "
        "here until the consumer's get() gives a place back. With no consumer, nobody ever will, and it waits for "
        "ever. On the way out, get(timeout=...) and get_nowait() raise Empty once the queue is drained.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.boolean("consumer"))
            return Outcome { OutcomeKind::Completes,
                "completes: the extra put() raises Full twice, then waits until the consumer gets 0, and the queue "
                "drains to Empty" };
        return Outcome { OutcomeKind::Hangs, "hangs: put() on the full queue waits for a get() that nobody will do" };
    };
    s.variants = { { "no consumer: put() waits for ever", { { "consumer", "false" } } } };
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const double delay = p.real("delay");
    const double timeout = p.real("timeout");
    const std::string timeoutText = pythonFloat(timeout);
    at(l, "queue");
    mp::Queue q(static_cast<int>(p.integer("maxsize")));
    mp::telemetry::label(q.telemetry_id(), "q");
    for (long i = 0; i < p.integer("maxsize"); ++i) {
        at(l, "fill");
        q.put(i);
    }
    at(l, "full");
    print("full():", q.full(), "qsize():", q.qsize());
    try {
        at(l, "nowait");
        q.put_nowait("one more");
    } catch (const mp::Full&) {
        at(l, "nowait_full");
        print("put_nowait(): Full");
    }
    try {
        at(l, "timeout");
        q.put("one more", true, timeout);
    } catch (const mp::Full&) {
        at(l, "timeout_full");
        print("put(timeout=" + timeoutText + "): Full");
    }
    mp::Process consumer([&] {
        at(l, "sleep");
        std::this_thread::sleep_for(std::chrono::duration<double>(delay));
        at(l, "cget");
        print("consumer got", q.get());
    });
    const auto start = std::chrono::steady_clock::now();
    if (p.boolean("consumer")) {
        at(l, "start");
        consumer.start();
    }
    at(l, "put");
    q.put("one more");
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (p.boolean("consumer")) {
        at(l, "join");
        consumer.join();
        at(l, "waited");
        print("put() blocked until the consumer made room:", waited >= delay);
    }
    for (;;) {
        try {
            at(l, "get");
            print("got", q.get(true, timeout));
        } catch (const mp::Empty&) {
            at(l, "get_empty");
            print("get(timeout=" + timeoutText + "): Empty");
            break;
        }
    }
    try {
        at(l, "get_nowait");
        q.get_nowait();
    } catch (const mp::Empty&) {
        at(l, "get_nowait_empty");
        print("get_nowait(): Empty");
    }
}

std::string expectedPrints(const ParamValues& p)
{
    const std::string timeout = pythonFloat(p.real("timeout"));
    std::string out = "full(): True qsize(): " + std::to_string(p.integer("maxsize")) + "\n";
    out += "put_nowait(): Full\nput(timeout=" + timeout + "): Full\nconsumer got 0\n";
    out += "put() blocked until the consumer made room: True\n";
    for (long i = 1; i < p.integer("maxsize"); ++i)
        out += "got " + std::to_string(i) + "\n";
    return out + "got one more\nget(timeout=" + timeout + "): Empty\nget_nowait(): Empty\n";
}

} // namespace

SceneBody boundedQueueBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        if (p.boolean("consumer"))
            return expectPrinted(r, expectedPrints(p));
        return expectHang(r, { "put()", "full" });
    };
    return b;
}

#endif

} // namespace mpstage::scenes
