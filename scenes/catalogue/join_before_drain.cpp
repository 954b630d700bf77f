// SPDX-License-Identifier: MIT
// The "Joining processes that use queues" warning of the multiprocessing programming guidelines: a process
// that has put items on a Queue does not exit until its feeder thread has written them all into the pipe. If
// they do not fit and the parent joins it before getting them, each waits for the other for ever.

#include "scene_support.h"
#include "scenes.h"

#include <mp/process.h>
#include <mp/queues.h>

#include <string>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "join-before-drain";

constexpr const char* LISTING = R"(import multiprocessing


def producer(q):
    for i in range({items}):
        q.put(bytes({size}))  @put
    print('producer: every item is put')  @done


if __name__ == '__main__':
    q = multiprocessing.Queue()  @queue
    p = multiprocessing.Process(target=producer, args=(q,))
    p.start()  @start
[-drain]     p.join()  # waits for the producer to exit...  @join
    items = [q.get() for _ in range({items})]  @get
[+drain]     p.join()  @join
    print('got', len(items), 'items of', len(items[0]), 'bytes')  @print
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, { { "drain", p.boolean("drain_first") } },
        { { "items", std::to_string(p.integer("items")) }, { "size", std::to_string(p.integer("size")) } });
}

// Whether everything fits in the 64 KiB pipe: each item costs its bytes plus some framing (about 10 bytes
// here, about 20 pickled); right at the limit, the exact framing decides.
bool fitsInPipe(const ParamValues& p)
{
    return p.integer("items") * (p.integer("size") + 20) <= 65536;
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo joinBeforeDrainInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "join() before get(): the producer cannot exit";
    s.summary = "A child puts 200 items of 1 KiB on a Queue and ends. But a process that has put items does not exit "
                "until its feeder thread has written every one into the queue's pipe, and a pipe holds only 64 KiB. "
                "The parent joins the child before getting anything: the child waits for a reader, the parent waits "
                "for the child. Getting the items first, then joining, fixes it.";
    s.difficulty = 3;
    s.tags = { "queue", "pitfall" };
    s.params = {
        { "items", "Items", "how many items the producer puts", ParamType::Int, "200", 1, 1000 },
        { "size", "Item size (bytes)", "how many bytes each item holds", ParamType::Int, "1024", 1, 65536 },
        { "drain_first", "Get before join", "the parent gets every item first and joins the producer after",
            ParamType::Bool, "false" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the producer's local buffer: the feeder thread empties it into the pipe until the pipe is full, then "
        "stops, with items still waiting.",
        "The producer has printed that every item is put, and its function has returned. Why does p.join() not "
        "return?",
        "put() only hands an item to the feeder thread; before the process exits, it waits for the feeder to write "
        "everything into the pipe, so that nothing is lost. Two hundred kilobytes do not fit in a 64 KiB pipe, so the "
        "feeder waits for a reader, and the only reader is the parent, waiting in join() for the producer to exit. "
        "The rule from the Python docs: get the items from a queue before joining the processes that put them.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.boolean("drain_first") || fitsInPipe(p))
            return Outcome { OutcomeKind::Completes, "completes: the parent gets every item, then joins the producer" };
        return Outcome { OutcomeKind::Hangs,
            "hangs: the producer cannot exit until its items are in the pipe, and the parent joins it before reading "
            "them" };
    };
    s.variants = { { "get the items first, then join", { { "drain_first", "true" } } } };
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const long count = p.integer("items");
    const auto size = static_cast<std::size_t>(p.integer("size"));
    at(l, "queue");
    mp::Queue q;
    mp::telemetry::label(q.telemetry_id(), "q");
    mp::Process producer([&] {
        for (long i = 0; i < count; ++i) {
            at(l, "put");
            q.put(mp::Bytes(std::string(size, '\0')));
        }
        at(l, "done");
        print("producer: every item is put");
    });
    at(l, "start");
    producer.start();
    if (!p.boolean("drain_first")) {
        at(l, "join");
        producer.join();
    }
    mp::list items;
    for (long i = 0; i < count; ++i) {
        at(l, "get");
        items.push_back(q.get());
    }
    if (p.boolean("drain_first")) {
        at(l, "join");
        producer.join();
    }
    at(l, "print");
    print(
        "got", static_cast<long>(items.size()), "items of", static_cast<long>(items.at(0).as_bytes().size()), "bytes");
}

} // namespace

SceneBody joinBeforeDrainBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        if (p.boolean("drain_first") || fitsInPipe(p))
            return expectPrinted(r,
                "producer: every item is put\ngot " + std::to_string(p.integer("items")) + " items of "
                    + std::to_string(p.integer("size")) + " bytes\n");
        return expectHang(r, { "join()", "get() the items before join()" });
    };
    return b;
}

#endif

} // namespace mpstage::scenes
