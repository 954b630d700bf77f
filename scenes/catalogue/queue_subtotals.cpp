// SPDX-License-Identifier: MIT
// Seed 004: five workers count to a million each and put their subtotal on one Queue; the parent joins them,
// puts an 'exit' marker behind their results and adds up everything before it.

#include "scene_support.h"
#include "scenes.h"

#include <mp/process.h>
#include <mp/queues.h>

#include <chrono>
#include <string>
#include <unistd.h>
#include <vector>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "queue-subtotals";

constexpr const char* LISTING = R"(from multiprocessing import Process, Queue, current_process
import time
import os


def worker(id, baseNum, q):
    process_id = os.getpid()
    process_name = current_process().name
    sub_total = 0
    for i in range(baseNum):  @count
        sub_total += 1
    q.put(sub_total)  @put
    print(f'Process ID: {process_id}, Process Name: {process_name}')  @print
    print(f'Result: {sub_total}')


def main():
    parent_process_id = os.getpid()
    print(f'Parent process id: {parent_process_id}')  @parent
    processes = list()
    start_time = time.time()
    q = Queue()  @queue
    for i in range({workers}):
        t = Process(name=str(i), target=worker, args=(i, {count}, q))
        processes.append(t)
        t.start()  @start
    for process in processes:
        process.join()  @join
    print("--- %s seconds ---" % (time.time() - start_time))  @time
    q.put('exit')  @exit
    total = 0
    while True:
        tmp = q.get()  @get
        if tmp == 'exit':
            break
        else:
            total += tmp  @add
    print()  @blank
    print('Main-processing total count: {}'.format(total))  @total
    print('Main-processing done.')  @done


if __name__ == '__main__':
    main()
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, {},
        { { "workers", std::to_string(p.integer("workers")) }, { "count", std::to_string(p.integer("count")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo queueSubtotalsInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "Five workers put their subtotals on one Queue";
    s.summary = "Five worker processes each count to N and put their subtotal on one shared Queue; the parent waits "
                "for them all, puts an 'exit' marker behind their results, and adds up everything before the marker: "
                "5 x N. The work is CPU-bound and the queue carries one item per worker, so this scene is about "
                "throughput, not about single events: run it at the counters detail level "
                "(mpstage-host run queue-subtotals --detail counters) to see it as the app's charts do.";
    s.difficulty = 1;
    s.tags = { "queue", "seed" };
    s.params = {
        { "workers", "Workers", "how many worker processes count", ParamType::Int, "5", 1, 9 },
        { "count", "Count to", "how far each worker counts (baseNum)", ParamType::Int, "1000000", 1, 100000000 },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the five workers count side by side, then five small items arrive on q, and last the parent's 'exit'.",
        "The parent joins every worker before it gets a single item. Is that safe here? And will 'exit' come out "
        "before any subtotal?",
        "Each worker's subtotal is one small int, which fits in the pipe, so each worker can exit before anyone "
        "reads it and join() returns. By then every subtotal is in the pipe, so the 'exit' the parent puts "
        "afterwards comes out last, and the loop adds exactly five subtotals. With items too big for the pipe, "
        "joining first would deadlock (see the join-before-drain scene).",
    };
    s.expected = [](const ParamValues& p) {
        return Outcome { OutcomeKind::Completes,
            "completes: every worker prints 'Result: " + std::to_string(p.integer("count"))
                + "', and the parent prints the total count "
                + std::to_string(p.integer("workers") * p.integer("count")) };
    };
    s.variants = { { "nine workers", { { "workers", "9" } } } };
    s.parity = Parity::SameOutcome; // pids, the time and the order of the workers' lines differ
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
    at(l, "parent");
    print("Parent process id: " + std::to_string(::getpid()));
    std::vector<mp::Process> processes;
    const double start_time = now();
    at(l, "queue");
    mp::Queue q;
    mp::telemetry::label(q.telemetry_id(), "q");
    for (long i = 0; i < p.integer("workers"); ++i) {
        processes.emplace_back(
            [&] {
                const int process_id = ::getpid();
                const std::string process_name = mp::current_process().name();
                volatile long sub_total = 0; // volatile: really count, as the Python loop does
                at(l, "count");
                for (long n = 0; n < baseNum; ++n)
                    sub_total = sub_total + 1;
                at(l, "put");
                q.put(static_cast<long>(sub_total));
                at(l, "print");
                print("Process ID: " + std::to_string(process_id) + ", Process Name: " + process_name);
                print("Result: " + std::to_string(sub_total));
            },
            std::to_string(i));
        at(l, "start");
        processes.back().start();
    }
    for (auto& process : processes) {
        at(l, "join");
        process.join();
    }
    at(l, "time");
    print("--- " + mp::str(now() - start_time) + " seconds ---");
    at(l, "exit");
    q.put("exit");
    long total = 0;
    for (;;) {
        at(l, "get");
        const mp::Object tmp = q.get();
        if (tmp == mp::Object("exit"))
            break;
        at(l, "add");
        total += static_cast<long>(tmp.as_int());
    }
    at(l, "blank");
    print();
    at(l, "total");
    print("Main-processing total count: " + std::to_string(total));
    at(l, "done");
    print("Main-processing done.");
}

// The pids, the time and the order of the workers' lines vary; the counts do not.
Verdict totalIsRight(const RunResult& r, const ParamValues& p)
{
    if (const Verdict done = expectCompleted(r); !done.ok)
        return done;
    const auto printedBy = [&](const std::string& actor) {
        const auto it = r.printed.find(actor);
        return printedLines(it == r.printed.end() ? std::string() : it->second);
    };
    const long workers = p.integer("workers");
    const std::string n = std::to_string(p.integer("count"));
    const std::string total = std::to_string(workers * p.integer("count"));
    const std::vector<std::string> main = printedBy("MainProcess");
    bool ok = main.size() == 5 && main[0].rfind("Parent process id: ", 0) == 0 && main[1].rfind("--- ", 0) == 0
        && main[2].empty() && main[3] == "Main-processing total count: " + total && main[4] == "Main-processing done.";
    for (long i = 0; i < workers; ++i) {
        const std::vector<std::string> worker = printedBy(std::to_string(i));
        ok = ok && worker.size() == 2 && worker[0].rfind("Process ID: ", 0) == 0
            && worker[0].ends_with(", Process Name: " + std::to_string(i)) && worker[1] == "Result: " + n;
    }
    if (!ok)
        return { false, "printed\n" + r.allPrinted };
    return { true, "the total count is " + total };
}

} // namespace

SceneBody queueSubtotalsBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = totalIsRight;
    return b;
}

#endif

} // namespace mpstage::scenes
