// SPDX-License-Identifier: MIT
// Seed 003: "be aware that you will need to put a sentinel on the queue for every single consumer. For
// example, if there were three consumer processes consuming items on the queue, the producer needs to put
// three sentinels on the queue to get all of the consumers to shut down."

#include "scene_support.h"
#include "scenes.h"

#include <mp/process.h>
#include <mp/queues.h>

#include <algorithm>
#include <vector>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "consumer-pool";

constexpr const char* LISTING = R"(import multiprocessing


def consumer(input_q):
    while True:
        item = input_q.get()  @get
        if item is None:
            break
        # Process item
        print(item)  # Replace with useful work  @print
    # Shutdown
    print("Consumer done")  @done


def producer(sequence, output_q):
    for item in sequence:
        # Put the item on the queue
        output_q.put(item)  @put


q = multiprocessing.Queue()  @queue

# Launch a pool of consumer processes
consumers = []
for i in range({consumers}):
    cons_p = multiprocessing.Process(target=consumer, args=(q,))
    cons_p.start()  @start
    consumers.append(cons_p)

# Produce items
sequence = {sequence}
producer(sequence, q)

[+enough] # Signal completion: one sentinel for every consumer
[+enough] for i in range(len(consumers)):
[-enough] # Signal completion: one sentinel too few
[-enough] for i in range(len(consumers) - 1):
    q.put(None)  @sentinel

# Wait for every consumer process to shut down
for cons_p in consumers:
    cons_p.join()  @join
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, { { "enough", p.boolean("sentinel_each") } },
        { { "consumers", std::to_string(p.integer("consumers")) }, { "sequence", pythonRange(p.integer("items")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo consumerPoolInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "A pool of consumers needs one sentinel each";
    s.summary = "Several consumer processes get from one Queue. Each stops when it gets the sentinel (None), and "
                "a sentinel is consumed by whoever gets it, so the producer must put one per consumer. With one too "
                "few, the last consumer waits in get() for ever, and the producer's join() waits for it.";
    s.difficulty = 2;
    s.tags = { "queue", "pitfall", "seed" };
    s.params = {
        { "consumers", "Consumers", "how many consumer processes share the queue", ParamType::Int, "3", 2, 6 },
        { "items", "Items", "how many items the producer puts", ParamType::Int, "6", 1, 20 },
        { "sentinel_each", "One sentinel per consumer", "put as many sentinels as there are consumers (or one fewer)",
            ParamType::Bool, "true" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the items share themselves out among the consumers, and then the None tokens: each one stops the "
        "consumer that gets it.",
        "Three consumers, and the producer puts one None. How many consumers stop? How many None tokens does it take?",
        "A Queue hands each item to exactly one get(): the sentinels are no exception. A None stops whichever "
        "consumer takes it and is gone. So every consumer needs one of its own: one too few, and the consumer "
        "left over waits in get() for an item that will never be put, while the producer waits in join() for it.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.boolean("sentinel_each"))
            return Outcome { OutcomeKind::Completes,
                "completes: every item is printed once, by one consumer or another, and every consumer prints "
                "'Consumer done'" };
        return Outcome { OutcomeKind::Hangs, "hangs: one consumer gets no sentinel and waits in get() for ever" };
    };
    s.variants = { { "one sentinel too few", { { "sentinel_each", "false" } } } };
    s.parity = Parity::SameOutcome; // which consumer prints which item varies
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
    std::vector<mp::Process> consumers;
    for (long i = 0; i < p.integer("consumers"); ++i) {
        consumers.emplace_back([&] {
            for (;;) {
                at(l, "get");
                const mp::Object item = q.get();
                if (item.is_none())
                    break;
                at(l, "print");
                print(item);
            }
            at(l, "done");
            print("Consumer done");
        });
        at(l, "start");
        consumers.back().start();
    }
    for (long item = 1; item <= p.integer("items"); ++item) {
        at(l, "put");
        q.put(item);
    }
    const long sentinels = p.integer("consumers") - (p.boolean("sentinel_each") ? 0 : 1);
    for (long i = 0; i < sentinels; ++i) {
        at(l, "sentinel");
        q.put(mp::None);
    }
    for (auto& cons_p : consumers) {
        at(l, "join");
        cons_p.join();
    }
}

// Which consumer prints which item varies from run to run; what they print between them does not.
Verdict everyItemOnce(const RunResult& r, const ParamValues& p)
{
    if (const Verdict done = expectCompleted(r); !done.ok)
        return done;
    std::vector<std::string> got = printedLines(r.allPrinted);
    const auto doneCount = std::count(got.begin(), got.end(), "Consumer done");
    got.erase(std::remove(got.begin(), got.end(), "Consumer done"), got.end());
    std::vector<std::string> want;
    for (long i = 1; i <= p.integer("items"); ++i)
        want.push_back(std::to_string(i));
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    if (got != want)
        return { false, "the consumers did not print every item exactly once:\n" + r.allPrinted };
    if (doneCount != p.integer("consumers"))
        return { false, "'Consumer done' was printed " + std::to_string(doneCount) + " times:\n" + r.allPrinted };
    return { true, "every item was printed once, and every consumer printed 'Consumer done'" };
}

} // namespace

SceneBody consumerPoolBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        if (p.boolean("sentinel_each"))
            return everyItemOnce(r, p);
        return expectHang(r, { "get()", "too few" });
    };
    return b;
}

#endif

} // namespace mpstage::scenes
