// SPDX-License-Identifier: MIT
// Seed 004: a worker counts to a million and sends its result through a Pipe; the parent joins the worker,
// then receives. That order works only because the result is small: a big one would not fit in the pipe, the
// worker would wait in send() for a reader, and the parent in join() for the worker.

#include "scene_support.h"
#include "scenes.h"

#include <mp/connection.h>
#include <mp/process.h>

#include <chrono>
#include <string>
#include <unistd.h>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "pipe-worker-count";

constexpr const char* LISTING = R"(from multiprocessing import Process, Pipe, current_process
import time
import os


def worker(id, baseNum, conn):
    process_id = os.getpid()
    process_name = current_process().name
    sub_total = 0
    for i in range(baseNum):  @count
        sub_total += 1
[-big]     conn.send(sub_total)  @send
[+big]     conn.send([sub_total] * {copies})  # a big result: more than the pipe holds  @send
    conn.close()  @close
    print(f'Process ID: {process_id}, Process Name: {process_name}')  @print
    print(f'Result: {sub_total}')


def main():
    parent_process_id = os.getpid()
    print(f'Parent process id: {parent_process_id}')  @parent
    start_time = time.time()
    parent_conn, child_conn = Pipe()  @pipe
    t = Process(name=str(1), target=worker, args=(1, {count}, child_conn))
    t.start()  @start
    t.join()  @join
    print("--- %s seconds ---" % (time.time() - start_time))  @time
[-big]     print('Main-processing total count: {}'.format(parent_conn.recv()))  @recv
[+big]     print('Main-processing total count: {}'.format(parent_conn.recv()[0]))  @recv
    print('Main-processing done.')  @done


if __name__ == '__main__':
    main()
)";

// At least 300 KB pickled or encoded, whatever the count: more than a socketpair's ~200 KiB send buffer.
constexpr std::size_t COPIES = 300000;

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, { { "big", p.boolean("big") } },
        { { "count", std::to_string(p.integer("count")) }, { "copies", std::to_string(COPIES) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo pipeWorkerCountInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "A worker sends its count through a Pipe";
    s.summary = "A worker process counts to N and sends the result through a Pipe; the parent joins the worker and "
                "then receives. Joining first works here because the result is one small int, which the pipe holds "
                "while nobody reads. Send a big result instead and the worker cannot finish its send() until "
                "someone reads, while the parent waits in join() for the worker to finish: a deadlock.";
    s.difficulty = 1;
    s.tags = { "pipe", "seed" };
    s.params = {
        { "count", "Count to", "how far the worker counts (baseNum)", ParamType::Int, "1000000", 1, 100000000 },
        { "big", "Send a big result", "send a list of 300000 copies of the count instead of the count", ParamType::Bool,
            "false" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the worker send its result into the pipe and end, while the result waits in the pipe for the parent.",
        "The parent joins the worker before it receives. Does that matter? What if the result were half a megabyte?",
        "send() returns as soon as the bytes are in the pipe, not when someone has read them, so a small result "
        "waits there while the worker exits and the parent's join() returns. A pipe holds a limited amount, though: "
        "a big result fills it, send() waits for a reader to make room, and the only reader is waiting in join() "
        "for the sender to finish. Receive first, then join.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.boolean("big"))
            return Outcome { OutcomeKind::Hangs,
                "hangs: the worker waits in send() for a reader, the parent waits in "
                "join() for the worker" };
        return Outcome { OutcomeKind::Completes, "completes: the parent prints the worker's count after join()" };
    };
    s.variants = { { "a big result: join() before recv() deadlocks", { { "big", "true" } } } };
    s.parity = Parity::SameOutcome; // pids and the time differ
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const long baseNum = p.integer("count");
    const bool big = p.boolean("big");
    at(l, "parent");
    print("Parent process id: " + std::to_string(::getpid()));
    const double start_time = now();
    at(l, "pipe");
    auto [parent_conn, child_conn] = mp::Pipe();
    mp::telemetry::label(parent_conn.telemetry_id(), "the pipe");
    mp::Process t(
        [&] {
            const int process_id = ::getpid();
            const std::string process_name = mp::current_process().name();
            volatile long sub_total = 0; // volatile: really count, as the Python loop does
            at(l, "count");
            for (long i = 0; i < baseNum; ++i)
                sub_total = sub_total + 1;
            at(l, "send");
            if (big)
                child_conn.send(mp::list(COPIES, mp::Object(static_cast<long>(sub_total))));
            else
                child_conn.send(static_cast<long>(sub_total));
            at(l, "close");
            child_conn.close();
            at(l, "print");
            print("Process ID: " + std::to_string(process_id) + ", Process Name: " + process_name);
            print("Result: " + std::to_string(sub_total));
        },
        "1");
    at(l, "start");
    t.start();
    at(l, "join");
    t.join();
    at(l, "time");
    print("--- " + mp::str(now() - start_time) + " seconds ---");
    at(l, "recv");
    const mp::Object result = parent_conn.recv();
    print("Main-processing total count: " + mp::str(big ? result.as_list().at(0) : result));
    at(l, "done");
    print("Main-processing done.");
}

// The pids and the time vary; the rest is fixed.
Verdict countsAreRight(const RunResult& r, const ParamValues& p)
{
    if (const Verdict done = expectCompleted(r); !done.ok)
        return done;
    const auto printedBy = [&](const std::string& actor) {
        const auto it = r.printed.find(actor);
        return printedLines(it == r.printed.end() ? std::string() : it->second);
    };
    const std::vector<std::string> main = printedBy("MainProcess");
    const std::vector<std::string> worker = printedBy("1");
    const std::string n = std::to_string(p.integer("count"));
    const bool ok = main.size() == 4 && main[0].rfind("Parent process id: ", 0) == 0 && main[1].rfind("--- ", 0) == 0
        && main[2] == "Main-processing total count: " + n && main[3] == "Main-processing done." && worker.size() == 2
        && worker[0].rfind("Process ID: ", 0) == 0 && worker[0].ends_with(", Process Name: 1")
        && worker[1] == "Result: " + n;
    if (!ok)
        return { false, "printed\n" + r.allPrinted };
    return { true, "the worker counted to " + n + " and the parent received it after join()" };
}

} // namespace

SceneBody pipeWorkerCountBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        if (p.boolean("big"))
            return expectHang(r, { "send()", "join()" });
        return countsAreRight(r, p);
    };
    return b;
}

#endif

} // namespace mpstage::scenes
