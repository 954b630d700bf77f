// SPDX-License-Identifier: MIT
// Several workers update one Value under its lock, each holding it for a while (the critical section) and then
// working alone for a while (think time). The total is always exact; what changes with the two times is how
// long workers queue for the lock, which the app charts from the lock's waits.

#include "scene_support.h"
#include "scenes.h"

#include <mp/process.h>
#include <mp/sharedctypes.h>
#include <mp/synchronize.h>

#include <chrono>
#include <thread>
#include <vector>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "lock-contention";

constexpr const char* LISTING = R"(import multiprocessing
import time


def worker(counter, rounds, hold, think):
    for _ in range(rounds):
        with counter.get_lock():  @with
            v = counter.value  @read
            time.sleep(hold)  # the critical section  @hold
            counter.value = v + 1  @write
        time.sleep(think)  # work that needs no lock  @think


if __name__ == '__main__':
    counter = multiprocessing.Value('i', 0)  @value
    workers = [multiprocessing.Process(target=worker, args=(counter, {rounds}, {hold}, {think}))
               for _ in range({workers})]
    for p in workers:
        p.start()  @start
    for p in workers:
        p.join()  @join
    print('counter:', counter.value)  @print
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, {},
        { { "workers", std::to_string(p.integer("workers")) }, { "rounds", std::to_string(p.integer("rounds")) },
            { "hold", pythonFloat(p.real("hold")) }, { "think", pythonFloat(p.real("think")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo lockContentionInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "Lock contention: workers queue for one Value";
    s.summary = "Several workers add 1 to one shared Value, each time holding the Value's lock across the read, a "
                "short critical section and the write, then working without the lock for a while. The total is "
                "always exact. How long the workers wait for the lock depends on the ratio of the two times: when "
                "the critical section is long and the think time short, the lock is the bottleneck and the workers "
                "take turns instead of running side by side.";
    s.difficulty = 2;
    s.tags = { "locks", "shared memory" };
    s.params = {
        { "workers", "Workers", "how many processes update the counter", ParamType::Int, "4", 1, 8 },
        { "rounds", "Rounds", "how many times each worker adds 1", ParamType::Int, "50", 1, 1000 },
        { "hold", "Critical section (s)", "how long a worker holds the lock each round", ParamType::Float, "0.002", 0,
            0.1 },
        { "think", "Think time (s)", "how long a worker works without the lock between rounds", ParamType::Float,
            "0.002", 0, 0.5 },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the queue of workers in front of counter's lock, and how long each one waits before it gets in.",
        "Four workers hold the lock for 2 ms and then think for 2 ms. How many are waiting for the lock at any "
        "moment? What if the think time were zero?",
        "While one worker holds the lock, the others that want it wait. With 2 ms inside and 2 ms outside, a worker "
        "spends half its round needing the lock, so four of them need it twice over and there is usually a queue. "
        "With no think time, everyone wants the lock all the time and the run becomes strictly one at a time: "
        "adding workers adds waiting, not speed. Shorter critical sections are the cure, and the total is right "
        "either way, because the lock is held across the whole update.",
    };
    s.expected = [](const ParamValues& p) {
        return Outcome { OutcomeKind::Completes,
            "completes: the counter is exactly " + std::to_string(p.integer("workers") * p.integer("rounds")) };
    };
    s.variants = {
        { "no think time: every worker wants the lock all the time", { { "think", "0" } } },
        { "a short critical section", { { "hold", "0.0002" } } },
    };
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

void sleepFor(double seconds)
{
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const long rounds = p.integer("rounds");
    const double hold = p.real("hold");
    const double think = p.real("think");
    at(l, "value");
    mp::Value counter('i', 0);
    mp::telemetry::label(counter.telemetry_id(), "counter");
    mp::telemetry::label(counter.get_lock().semlock().telemetry_id(), "counter.get_lock()");
    std::vector<mp::Process> workers;
    for (long i = 0; i < p.integer("workers"); ++i)
        workers.emplace_back([&] {
            for (long n = 0; n < rounds; ++n) {
                {
                    at(l, "with");
                    mp::Guard g(counter.get_lock());
                    at(l, "read");
                    const std::int64_t v = counter.value;
                    at(l, "hold");
                    sleepFor(hold);
                    at(l, "write");
                    counter.value = v + 1;
                }
                at(l, "think");
                sleepFor(think);
            }
        });
    for (auto& proc : workers) {
        at(l, "start");
        proc.start();
    }
    for (auto& proc : workers) {
        at(l, "join");
        proc.join();
    }
    at(l, "print");
    print("counter:", counter.value.get());
}

} // namespace

SceneBody lockContentionBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        return expectPrinted(r, "counter: " + std::to_string(p.integer("workers") * p.integer("rounds")) + "\n");
    };
    return b;
}

#endif

} // namespace mpstage::scenes
