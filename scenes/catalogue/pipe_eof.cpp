// SPDX-License-Identifier: MIT
// Seed 003: a Pipe producer/consumer that ends on EOFError. EOF arrives only when every copy of the write
// end is closed in every process; the consumer that forgets to close its own copy waits in recv() for ever.

#include "scene_support.h"
#include "scenes.h"

#include <mp/connection.h>
#include <mp/process.h>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "pipe-eof";

constexpr const char* LISTING = R"(import multiprocessing


# Consume items on a pipe
def consumer(pipe):
    output_p, input_p = pipe
[+close]     input_p.close()  # Close the input end of the pipe  @closein_consumer
[-close]     # (forgot: input_p.close())
    while True:
        try:
            item = output_p.recv()  @recv
        except EOFError:
            break  @eof
        # Process item
        print(item)  # Replace with useful work  @print
    # Shutdown
    print("Consumer done")  @done


# Produce items and put them in the pipe. sequence is an
# iterable representing items to be processed.
def producer(sequence, input_p):
    for item in sequence:
        # Send the item down the pipe
        input_p.send(item)  @send


(output_p, input_p) = multiprocessing.Pipe()  @pipe

# Launch the consumer process
cons_p = multiprocessing.Process(target=consumer, args=((output_p, input_p),))
cons_p.start()  @start

# Close the output pipe in the producer
output_p.close()  @closeout

# Produce items
sequence = {sequence}
producer(sequence, input_p)

# Signal completion by closing the input pipe
input_p.close()  @closein

# Wait for the consumer process to shutdown
cons_p.join()  @join
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(
        LISTING, { { "close", p.boolean("close_unused") } }, { { "sequence", pythonRange(p.integer("items")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo pipeEofInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "A Pipe consumer that waits for end-of-file";
    s.summary = "The consumer reads from a Pipe until recv() raises EOFError. That happens only once every copy "
                "of the write end is closed, in every process: fork gave the consumer a copy too. If the consumer "
                "forgets to close its own copy, it waits in recv() for ever, holding open the very end it waits on.";
    s.difficulty = 2;
    s.tags = { "pipe", "pitfall", "seed" };
    s.params = {
        { "items", "Items", "how many items the producer sends", ParamType::Int, "4", 1, 20 },
        { "close_unused", "Consumer closes its write end", "the consumer closes its copy of input_p first",
            ParamType::Bool, "true" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the lines from each process to each end of the pipe: after fork, both processes hold both ends.",
        "After the producer closes input_p, does the consumer see EOF? What if the consumer never closed its own "
        "input_p?",
        "The operating system counts open copies of the write end. The producer's close removes one copy; the "
        "consumer's own copy keeps the pipe open, so recv() keeps waiting for data that can never come.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.boolean("close_unused"))
            return Outcome { OutcomeKind::Completes,
                "completes: the consumer prints every item, sees EOFError, prints 'Consumer done'" };
        return Outcome { OutcomeKind::Hangs,
            "hangs: the consumer waits in recv() because its own write end is still open" };
    };
    s.variants = { { "the consumer forgets to close its write end", { { "close_unused", "false" } } } };
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    at(l, "pipe");
    auto [output_p, input_p] = mp::Pipe();
    mp::telemetry::label(output_p.telemetry_id(), "the pipe");
    mp::Process cons_p([&] {
        if (p.boolean("close_unused")) {
            at(l, "closein_consumer");
            input_p.close();
        }
        for (;;) {
            mp::Object item;
            try {
                at(l, "recv");
                item = output_p.recv();
            } catch (const mp::EOFError&) {
                at(l, "eof");
                break;
            }
            at(l, "print");
            print(item);
        }
        at(l, "done");
        print("Consumer done");
    });
    at(l, "start");
    cons_p.start();
    at(l, "closeout");
    output_p.close();
    for (long item = 1; item <= p.integer("items"); ++item) {
        at(l, "send");
        input_p.send(item);
    }
    at(l, "closein");
    input_p.close();
    at(l, "join");
    cons_p.join();
}

} // namespace

SceneBody pipeEofBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        if (p.boolean("close_unused")) {
            std::string out;
            for (long i = 1; i <= p.integer("items"); ++i)
                out += std::to_string(i) + "\n";
            return expectPrinted(r, out + "Consumer done\n");
        }
        return expectHang(r, { "recv()", "Process-1 itself" });
    };
    return b;
}

#endif

} // namespace mpstage::scenes
