// SPDX-License-Identifier: MIT
// Seeds 000/002: "you can put an item to the Queue and then test to see if it is empty using empty() only
// to find that it is. A moment later the thread will send the item to the Queue and empty() will return
// False." The default scene of the app.

#include "scene_support.h"
#include "scenes.h"

#include <mp/queues.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "feeder-lag";

constexpr const char* LISTING = R"(import multiprocessing
import time

q = multiprocessing.Queue()  @queue
q.put('Hello')  @put
print('empty() right after put:', q.empty())  @empty1
time.sleep({wait})  @sleep
print('empty() a moment later:', q.empty())  @empty2
print('got', q.get())  @get
)";

std::string seconds(double s)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", s);
    return buf;
}

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, {}, { { "wait", seconds(p.real("wait")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo feederLagInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "empty() right after put() says True";
    s.summary = "put() does not write to the pipe: it appends the item to a buffer in the calling process, and a "
                "feeder thread writes it to the pipe a moment later. empty() only looks at the pipe, so right after "
                "put() it can still say True.";
    s.difficulty = 1;
    s.tags = { "queue", "seed" };
    s.params = {
        { "feeder_delay", "Feeder slow motion (s)",
            "how long the feeder thread waits before each write, so the lag can be seen (0 = none: it writes as "
            "soon as it runs)",
            ParamType::Float, "0.3", 0, 3 },
        { "wait", "Wait before asking again (s)", "time.sleep() between the two empty() calls", ParamType::Float, "0.6",
            0, 5 },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch 'Hello' sit in MainProcess's local buffer while empty() is asked, then move into the pipe.",
        "Right after put('Hello'), will empty() say True or False? And half a second later?",
        // Honest for both runs (mp/queues.h has the counts): without slow motion the C++ feeder, which needs no
        // GIL, writes before empty() more often than a Python one.
        "empty() is 'the reader end has nothing to poll'. When it said True, the item was still in the buffer, "
        "waiting for the feeder thread, so the pipe was empty; qsize() would have said 1: it counts the semaphore, "
        "which put() had already taken. Without the slow motion it is a race: a Python feeder needs the GIL to write "
        "and comes second about 98 times in 100 (CPython, or a Python program on mpstage), a C++ feeder needs no GIL "
        "and writes first more often, so the C++ run can say False at once.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.real("feeder_delay") > 0 && p.real("wait") > p.real("feeder_delay"))
            return Outcome { OutcomeKind::Completes,
                "completes: empty() says True right after put(), False a moment later" };
        if (p.real("feeder_delay") > 0)
            return Outcome { OutcomeKind::Completes,
                "completes: empty() says True right after put(), and asked again before the feeder's slow-motion wait "
                "is over, True again" };
        return Outcome { OutcomeKind::Completes,
            "completes: empty() usually says True right after put() (the feeder races it, and wins more often in C++), "
            "and False once the feeder has written" };
    };
    s.variants = { { "no slow motion: the feeder races empty()", { { "feeder_delay", "0" } } } };
    s.parity = Parity::SameOutcome; // without slow motion the first answer is a race (True ~98% in Python, less in C++)
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    at(l, "queue");
    mp::Queue q;
    mp::telemetry::label(q.telemetry_id(), "q");
    q.set_feeder_delay(p.real("feeder_delay"));
    at(l, "put");
    q.put("Hello");
    at(l, "empty1");
    print("empty() right after put:", q.empty());
    at(l, "sleep");
    std::this_thread::sleep_for(std::chrono::duration<double>(p.real("wait")));
    at(l, "empty2");
    print("empty() a moment later:", q.empty());
    at(l, "get");
    print("got", q.get());
}

} // namespace

SceneBody feederLagBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        const bool slow = p.real("feeder_delay") > 0 && p.real("wait") > p.real("feeder_delay");
        if (slow)
            return expectPrinted(r, "empty() right after put: True\nempty() a moment later: False\ngot Hello\n");
        if (p.real("feeder_delay") > 0) { // asked again while the feeder still waits (a tie is a race)
            const Verdict stillTrue
                = expectPrinted(r, "empty() right after put: True\nempty() a moment later: True\ngot Hello\n");
            if (stillTrue.ok)
                return stillTrue;
            return expectPrinted(r, "empty() right after put: True\nempty() a moment later: False\ngot Hello\n");
        }
        const Verdict asTrue
            = expectPrinted(r, "empty() right after put: True\nempty() a moment later: False\ngot Hello\n");
        if (asTrue.ok)
            return asTrue;
        return expectPrinted(r, "empty() right after put: False\nempty() a moment later: False\ngot Hello\n");
    };
    return b;
}

#endif

} // namespace mpstage::scenes
