// SPDX-License-Identifier: MIT
// Seed 003: a JoinableQueue with a daemon consumer that runs for ever; the producer learns that every item
// has been processed from q.join(), which returns once task_done() has been called for every item put.

#include "scene_support.h"
#include "scenes.h"

#include <mp/errors.h>
#include <mp/process.h>
#include <mp/queues.h>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "joinable-queue";

constexpr const char* LISTING = R"(import multiprocessing


def consumer(input_q):
    while True:
        item = input_q.get()  @get
        # Process item
        print(item)  # Replace with useful work  @print
[-forget]         # Signal task completion
[-forget]         input_q.task_done()  @done
[+forget]         # (forgot: input_q.task_done())


def producer(sequence, output_q):
    for item in sequence:
        # Put the item on the queue
        output_q.put(item)  @put


q = multiprocessing.JoinableQueue()  @queue

# Launch the consumer process
cons_p = multiprocessing.Process(target=consumer, args=(q,))
cons_p.daemon = True  @daemon
cons_p.start()  @start

# Produce items, sequence represents a sequence of items to
# be sent to the consumer. In practice, this could be the output
# of a generator or produced in some other manner.
sequence = {sequence}
producer(sequence, q)

# Wait for all items to be processed
q.join()  @join
print('All items processed')  @processed
[+extra] # One task_done() too many: every item is already marked done
[+extra] try:
[+extra]     q.task_done()  @extra
[+extra] except ValueError as e:
[+extra]     print('ValueError:', e)  @extra_error
)";

bool forget(const ParamValues& p)
{
    return p.choice("task_done") == "forgotten";
}

bool extra(const ParamValues& p)
{
    return p.choice("task_done") == "one-too-many";
}

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, { { "forget", forget(p) }, { "extra", extra(p) } },
        { { "sequence", pythonRange(p.integer("items")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo joinableQueueInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "JoinableQueue: join() waits for task_done()";
    s.summary = "The consumer is a daemon that loops for ever; the producer does not wait for it to exit but for "
                "its work to be done. A JoinableQueue counts every put(); task_done() counts one item down, and "
                "q.join() returns when the count reaches zero. Forget task_done() and join() waits for ever; call it "
                "once too often and it raises ValueError.";
    s.difficulty = 2;
    s.tags = { "queue", "pitfall", "seed" };
    s.params = {
        { "items", "Items", "how many items the producer puts", ParamType::Int, "4", 1, 20 },
        { "task_done", "task_done() calls",
            "once per item (each-item), never (forgotten), or once more after join() (one-too-many)", ParamType::Choice,
            "each-item", 0, 0, { "each-item", "forgotten", "one-too-many" } },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the count of unfinished tasks on q: it goes up at every put() and down only at task_done(), not at "
        "get().",
        "When does q.join() return: when the queue is empty, or later? And what if the consumer never calls "
        "task_done()?",
        "join() waits for the count of unfinished tasks, not for the queue to be empty: the queue empties as soon as "
        "the consumer has got the last item, but the count only reaches zero when it has said task_done() for it. "
        "Without task_done() the count never falls and join() waits for ever. With one call too many there is "
        "nothing left to count down, and task_done() raises ValueError. The daemon consumer itself never ends: it is "
        "terminated when the main process exits.",
    };
    s.expected = [](const ParamValues& p) {
        if (forget(p))
            return Outcome { OutcomeKind::Hangs,
                "hangs: q.join() waits for task_done() calls that never come, although the queue is empty" };
        if (extra(p))
            return Outcome { OutcomeKind::Completes,
                "completes: the consumer prints every item, join() returns, and the extra task_done() raises "
                "ValueError('task_done() called too many times')" };
        return Outcome { OutcomeKind::Completes, "completes: the consumer prints every item, then join() returns" };
    };
    s.variants = {
        { "the consumer forgets task_done()", { { "task_done", "forgotten" } } },
        { "one task_done() too many", { { "task_done", "one-too-many" } } },
    };
    s.parity = Parity::SameOutcome; // the stage may lose the daemon consumer's last lines (see expectedPrints)
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const bool callTaskDone = !forget(p);
    at(l, "queue");
    mp::JoinableQueue q;
    mp::telemetry::label(q.telemetry_id(), "q");
    mp::Process cons_p([&] {
        for (;;) {
            at(l, "get");
            const mp::Object item = q.get();
            at(l, "print");
            print(item);
            if (callTaskDone) {
                at(l, "done");
                q.task_done();
            }
        }
    });
    at(l, "daemon");
    cons_p.set_daemon(true);
    at(l, "start");
    cons_p.start();
    for (long item = 1; item <= p.integer("items"); ++item) {
        at(l, "put");
        q.put(item);
    }
    at(l, "join");
    q.join();
    at(l, "processed");
    print("All items processed");
    if (extra(p)) {
        try {
            at(l, "extra");
            q.task_done();
        } catch (const mp::ValueError& e) {
            at(l, "extra_error");
            print("ValueError:", e.what());
        }
    }
}

// The consumer prints every item before its task_done(), so all of them are printed by the time join()
// returns. The stage may show only the first few: when the main process exits it terminates the daemon
// consumer (SIGTERM), and the engine loses whatever output the consumer's flusher thread had not yet
// forwarded (an engine bug, reported). So the consumer's lines must be 1, 2, 3... in order, possibly cut short.
Verdict expectedPrints(const RunResult& r, const ParamValues& p)
{
    std::string main = "All items processed\n";
    if (extra(p))
        main += "ValueError: task_done() called too many times\n";
    const auto it = r.printed.find("Process-1");
    const std::string consumer = it == r.printed.end() ? std::string() : it->second;
    std::string all;
    for (long i = 1; i <= p.integer("items"); ++i)
        all += std::to_string(i) + "\n";
    if (all.rfind(consumer, 0) != 0)
        return { false, "the consumer printed\n" + consumer + "instead of\n" + all };
    return expectPrintedBy(r, { { "Process-1", consumer }, { "MainProcess", main } });
}

} // namespace

SceneBody joinableQueueBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        if (forget(p))
            return expectHang(r, { "join()", "task_done()" });
        return expectedPrints(r, p);
    };
    return b;
}

#endif

} // namespace mpstage::scenes
