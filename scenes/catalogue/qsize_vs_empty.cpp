// SPDX-License-Identifier: MIT
// qsize() and empty() answer different questions (CPYTHON_SEMANTICS items 9 and 10): qsize() reads the
// queue's semaphore, which put() changes at once in every process; empty() polls the pipe, which only the
// feeder thread fills, a moment later. For that moment a queue can be "3 items long" and "empty" at once.

#include "scene_support.h"
#include "scenes.h"

#include <mp/condition.h>
#include <mp/process.h>
#include <mp/queues.h>

#include <chrono>
#include <thread>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "qsize-vs-empty";

constexpr const char* LISTING = R"(import multiprocessing
import time


def producer(q, ready):
    for i in range({items}):
        q.put(i)  @put
    ready.set()  @set


if __name__ == '__main__':
    q = multiprocessing.Queue()  @queue
    ready = multiprocessing.Event()  @event
    p = multiprocessing.Process(target=producer, args=(q, ready))
    p.start()  @start
    ready.wait()  # the producer has put every item  @wait
    print('qsize():', q.qsize(), 'empty():', q.empty())  @ask1
    time.sleep({wait})  @sleep
    print('qsize():', q.qsize(), 'empty():', q.empty())  @ask2
    print('got', [q.get() for _ in range({items})])  @get
    print('qsize():', q.qsize(), 'empty():', q.empty())  @ask3
    p.join()  @join
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(
        LISTING, {}, { { "items", std::to_string(p.integer("items")) }, { "wait", pythonFloat(p.real("wait")) } });
}

bool slowMotion(const ParamValues& p)
{
    return p.real("feeder_delay") > 0 && p.real("wait") > p.real("feeder_delay");
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo qsizeVsEmptyInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "qsize() says 3 while empty() says True";
    s.summary = "A producer puts three items and signals that it is done; the parent asks the queue how long it is "
                "and whether it is empty. qsize() counts what has been put, through a semaphore every process "
                "shares, so it says 3 at once. empty() asks whether the pipe has anything to read, and the "
                "producer's feeder thread has not written yet, so for a moment it says True. A moment later the two "
                "agree.";
    s.difficulty = 2;
    s.tags = { "queue" };
    s.params = {
        { "items", "Items", "how many items the producer puts", ParamType::Int, "3", 1, 10 },
        { "feeder_delay", "Feeder slow motion (s)",
            "how long the feeder thread waits before each write, so the lag can be "
            "seen (0 = as fast as Python)",
            ParamType::Float, "0.3", 0, 2 },
        { "wait", "Wait before asking again (s)", "time.sleep() between the first two questions", ParamType::Float,
            "0.6", 0, 5 },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the three items sit in the producer's local buffer while the parent asks, then trickle into the pipe.",
        "The producer has put three items and said so. What will qsize() answer? And empty()?",
        "qsize() is maxsize minus the semaphore's value: put() took the semaphore in the producer, and the "
        "semaphore is shared, so the parent sees 3 at once, even though the items are still in the producer's "
        "buffer. empty() only sees the pipe, and the feeder thread has not written to it yet. Neither answer is "
        "wrong, and neither can be trusted for long: both describe a moment that has already passed.",
    };
    s.expected = [](const ParamValues& p) {
        const std::string n = std::to_string(p.integer("items"));
        if (slowMotion(p))
            return Outcome { OutcomeKind::Completes,
                "completes: first qsize() says " + n + " while empty() says True; a moment later empty() says False" };
        return Outcome { OutcomeKind::Completes,
            "completes: qsize() says " + n
                + " both times, and empty() says True or False depending on whether the "
                  "feeder thread has written yet" };
    };
    s.variants = { { "no slow motion: the feeder races empty()", { { "feeder_delay", "0" } } } };
    s.parity = Parity::SameOutcome; // in Python the feeder usually wins the race, so empty() mostly says False
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const long items = p.integer("items");
    at(l, "queue");
    mp::Queue q;
    mp::telemetry::label(q.telemetry_id(), "q");
    q.set_feeder_delay(p.real("feeder_delay")); // before the fork, so that the producer's feeder inherits it
    at(l, "event");
    mp::Event ready;
    mp::Process producer([&] {
        for (long i = 0; i < items; ++i) {
            at(l, "put");
            q.put(i);
        }
        at(l, "set");
        ready.set();
    });
    at(l, "start");
    producer.start();
    at(l, "wait");
    ready.wait();
    at(l, "ask1");
    print("qsize():", q.qsize(), "empty():", q.empty());
    at(l, "sleep");
    std::this_thread::sleep_for(std::chrono::duration<double>(p.real("wait")));
    at(l, "ask2");
    print("qsize():", q.qsize(), "empty():", q.empty());
    mp::list got;
    for (long i = 0; i < items; ++i) {
        at(l, "get");
        got.push_back(q.get());
    }
    print("got", got);
    at(l, "ask3");
    print("qsize():", q.qsize(), "empty():", q.empty());
    at(l, "join");
    producer.join();
}

std::string prints(const ParamValues& p, bool emptyAtFirst, bool emptyLater = false)
{
    const std::string n = std::to_string(p.integer("items"));
    std::string out = "qsize(): " + n + " empty(): " + (emptyAtFirst ? "True" : "False") + "\n";
    out += "qsize(): " + n + " empty(): " + (emptyLater ? "True" : "False") + "\n";
    mp::list all;
    for (long i = 0; i < p.integer("items"); ++i)
        all.emplace_back(i);
    return out + "got " + mp::repr(all) + "\nqsize(): 0 empty(): True\n";
}

} // namespace

SceneBody qsizeVsEmptyBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        if (slowMotion(p))
            return expectPrinted(r, prints(p, true));
        for (const bool emptyAtFirst : { true, false })
            for (const bool emptyLater : { false, true })
                if (const Verdict v = expectPrinted(r, prints(p, emptyAtFirst, emptyLater)); v.ok)
                    return v;
        return expectPrinted(r, prints(p, true));
    };
    return b;
}

#endif

} // namespace mpstage::scenes
