// SPDX-License-Identifier: MIT
// Seed 003: a Queue producer/consumer that stops on a None sentinel. Without the sentinel the consumer
// waits in get() for ever.

#include "scene_support.h"
#include "scenes.h"

#include <mp/process.h>
#include <mp/queues.h>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "queue-sentinel";

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

# Launch the consumer process
cons_p = multiprocessing.Process(target=consumer, args=(q,))
cons_p.start()  @start

# Produce items
sequence = {sequence}
producer(sequence, q)

[+sentinel] # Signal completion by putting the sentinel on the queue
[+sentinel] q.put(None)  @sentinel
[-sentinel] # (the sentinel is forgotten)

# Wait for the consumer process to shutdown
cons_p.join()  @join
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(
        LISTING, { { "sentinel", p.boolean("sentinel") } }, { { "sequence", pythonRange(p.integer("items")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo queueSentinelInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "A Queue producer and consumer, stopped by a sentinel";
    s.summary = "The main process puts items on a Queue and a consumer process gets them one by one. "
                "Nothing tells the consumer that the producer has finished except a special value, the "
                "sentinel (None), put after the last item. Leave it out and the consumer waits in get() for ever.";
    s.difficulty = 1;
    s.tags = { "queue", "seed" };
    s.params = {
        { "items", "Items", "how many items the producer puts", ParamType::Int, "4", 1, 20 },
        { "sentinel", "Send the sentinel", "put None after the last item", ParamType::Bool, "true" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch each item travel: into MainProcess's local buffer, through the pipe, to the consumer. The last token is "
        "the None sentinel.",
        "What does the consumer do once it has printed the last number? What if no sentinel is sent?",
        "get() blocks while the queue is empty; the consumer only knows the producer is done when it receives the "
        "sentinel. "
        "Without it, it blocks for ever, and cons_p.join() in the main process waits for it for ever too.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.boolean("sentinel"))
            return Outcome { OutcomeKind::Completes,
                "completes: the consumer prints every item, then 'Consumer done'" };
        return Outcome { OutcomeKind::Hangs, "hangs: the consumer waits in get() for a sentinel that never comes" };
    };
    s.variants = { { "the sentinel is forgotten", { { "sentinel", "false" } } } };
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
    mp::Process cons_p([&] {
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
    cons_p.start();
    for (long item = 1; item <= p.integer("items"); ++item) {
        at(l, "put");
        q.put(item);
    }
    if (p.boolean("sentinel")) {
        at(l, "sentinel");
        q.put(mp::None);
    }
    at(l, "join");
    cons_p.join();
}

std::string expectedPrints(const ParamValues& p)
{
    std::string out;
    for (long i = 1; i <= p.integer("items"); ++i)
        out += std::to_string(i) + "\n";
    return out + "Consumer done\n";
}

} // namespace

SceneBody queueSentinelBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        if (p.boolean("sentinel"))
            return expectPrinted(r, expectedPrints(p));
        return expectHang(r, { "get()", "q" });
    };
    return b;
}

#endif

} // namespace mpstage::scenes
