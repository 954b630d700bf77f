// SPDX-License-Identifier: MIT
// Seed 004 exactly as published: nine processes add 1 to a shared Value fifty times each. The article shows
// 450 and concludes that the Value is safe to share. It is safe to read and write, but `v.value += 1` is not
// atomic; at this size each process is usually done before the next has started, so the race rarely shows.
// value-increment is the same program sized up until it does.

#include "scene_support.h"
#include "scenes.h"
#include "value_race.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "value-seed";

constexpr const char* LISTING = R"(from multiprocessing import Process, current_process, Value, Array
import os


def generate_update_number(v: int):
    for _ in range(50):
[-lock]         v.value += 1  @inc
[+lock]         with v.get_lock():  @with
[+lock]             v.value += 1  @inc
    print(current_process().name, 'data', v)  @print


def main():
    parent_process_id = os.getpid()
    print(f"Parent Process ID: {parent_process_id}")  @parent
    processes = list()
    share_value = Value('i', 0)  @value
    for _ in range(1, 10):
        p = Process(target=generate_update_number, args=(share_value,))
        processes.append(p)
        p.start()  @start
    for p in processes:
        p.join()  @join
    print('Final Data in parent process:', share_value)  @final


if __name__ == '__main__':
    main()
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, { { "lock", p.boolean("lock") } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo valueSeedInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "Nine processes, fifty increments: the race that hides";
    s.summary = "The article's program: nine processes each do `v.value += 1` fifty times on one shared Value, and "
                "the parent prints 450. The update is still a locked read followed by a separate locked write, so "
                "updates can be lost; at this size each process has usually finished before the next one starts, so "
                "they rarely are. A test that passes is not a proof: the value-increment scene sizes the same "
                "program up until the race shows.";
    s.difficulty = 1;
    s.tags = { "shared memory", "locks", "seed" };
    s.params = {
        { "lock", "Hold the lock", "wrap the update in `with v.get_lock():`", ParamType::Bool, "false" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch when each process starts and ends: do any two of them ever add at the same time?",
        "Nine processes add 1 fifty times each to a shared Value. Will the parent print 450? Always?",
        "Usually 450, because fifty increments take less time than starting the next process, so the processes "
        "take turns without meaning to. The code is still racy: `v.value += 1` reads under the lock, lets go, and "
        "writes under the lock again, and any process that writes in between is overwritten. Here, where each "
        "access is also reported to the stage, the increments are slower and the processes overlap more often, "
        "so you may well see it happen. Only `with v.get_lock():` around the update makes 450 certain.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.boolean("lock"))
            return Outcome { OutcomeKind::Completes, "completes: the final value is exactly 450" };
        return Outcome { OutcomeKind::Completes,
            "completes: the final value is 450 or a little less. Under Python updates are rarely lost at this size "
            "(about one run in twenty); on the stage, where every read and write is also reported, the processes "
            "overlap more and some runs lose updates" };
    };
    s.variants = { { "hold the lock around the update", { { "lock", "true" } } } };
    s.race = true; // the variants that lose updates may, on a busy machine, lose none
    s.parity = Parity::SameOutcome; // the parent's pid differs, and the order of the lines can
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

constexpr long PROCESSES = 9;

constexpr long INCREMENTS = 50;

constexpr long TOTAL = PROCESSES * INCREMENTS;

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const bool locked = p.boolean("lock");
    at(l, "parent");
    print("Parent Process ID: " + std::to_string(::getpid()));
    runValueIncrements(l, PROCESSES, INCREMENTS, locked);
}

} // namespace

SceneBody valueSeedBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        if (const Verdict done = expectCompleted(r); !done.ok)
            return done;
        const std::vector<std::string> lines = printedLines(r.allPrinted);
        const auto dataLines = std::count_if(lines.begin(), lines.end(),
            [](const std::string& s) { return s.find(" data <Synchronized wrapper for c_int(") != std::string::npos; });
        const auto main = r.printed.find("MainProcess");
        if (main == r.printed.end() || main->second.rfind("Parent Process ID: ", 0) != 0 || dataLines != PROCESSES)
            return Verdict { false, "printed\n" + r.allPrinted };
        const long got = printedFinalValue(r);
        const std::string words = "final value " + std::to_string(got) + " of " + std::to_string(TOTAL);
        if (p.boolean("lock") || got == TOTAL)
            return Verdict { got == TOTAL, words };
        return Verdict { got > 0 && got < TOTAL,
            words + " (" + std::to_string(TOTAL - got) + " updates lost this time)" };
    };
    return b;
}

#endif

} // namespace mpstage::scenes
