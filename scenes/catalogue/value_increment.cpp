// SPDX-License-Identifier: MIT
// Seed 004 sized up: several processes do `v.value += 1` on one shared Value. Each read and each write takes
// the Value's lock, but the two are separate critical sections, so increments are lost unless the whole
// update is held under `with v.get_lock():`.

#include "scene_support.h"
#include "scenes.h"
#include "value_race.h"

#include <cstdio>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "value-increment";

constexpr const char* LISTING = R"(from multiprocessing import Process, current_process, Value


def generate_update_number(v):
    for _ in range({increments}):
[-lock]         v.value += 1  @inc
[+lock]         with v.get_lock():  @with
[+lock]             v.value += 1  @inc
    print(current_process().name, 'data', v)  @print


def main():
    processes = list()
    share_value = Value('i', 0)  @value
    for _ in range({processes}):
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
    return renderListing(LISTING, { { "lock", p.boolean("lock") } },
        { { "increments", std::to_string(p.integer("increments")) },
            { "processes", std::to_string(p.integer("processes")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo valueIncrementInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "v.value += 1 from several processes loses updates";
    s.summary = "Every process adds 1 to a shared Value many times. Reading v.value takes the Value's lock and so "
                "does writing it, but `v.value += 1` is a read and then a write: between them another process can "
                "write, and that update is overwritten. Holding the lock around the whole update fixes it.";
    s.difficulty = 2;
    s.tags = { "shared memory", "locks", "pitfall", "seed" };
    s.params = {
        { "processes", "Processes", "how many processes increment the value", ParamType::Int, "4", 2, 9 },
        { "increments", "Increments each", "how many times each process adds 1", ParamType::Int, "2000", 1, 100000 },
        { "lock", "Hold the lock", "wrap the update in `with v.get_lock():`", ParamType::Bool, "false" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the padlock on share_value: it is taken for the read, released, and taken again for the write.",
        "With 4 processes adding 1 two thousand times each, will the final value be 8000?",
        "Two processes read the same value, both add 1, both write: two increments, one visible. The lock protected "
        "each access, not the update. With the lock held across read and write, no other process can get in between.",
    };
    s.expected = [](const ParamValues& p) {
        const long total = p.integer("processes") * p.integer("increments");
        if (p.boolean("lock"))
            return Outcome { OutcomeKind::Completes, "completes: the final value is exactly " + std::to_string(total) };
        return Outcome { OutcomeKind::LosesUpdates,
            "loses updates: the final value is less than " + std::to_string(total) };
    };
    s.variants = { { "hold the lock around the update", { { "lock", "true" } } } };
    s.race = true; // without the lock, a run where the processes happen to take turns loses nothing
    s.parity = Parity::SameOutcome; // the order of the per-process lines, and how many updates are lost, vary
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const long increments = p.integer("increments");
    const bool locked = p.boolean("lock");
    runValueIncrements(l, p.integer("processes"), increments, locked);
}

} // namespace

SceneBody valueIncrementBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        const long total = p.integer("processes") * p.integer("increments");
        const long got = printedFinalValue(r);
        if (got < 0)
            return Verdict { false, "the parent never printed the final value" };
        const std::string words = "final value " + std::to_string(got) + " of " + std::to_string(total);
        if (p.boolean("lock"))
            return Verdict { got == total, words };
        return Verdict { got < total,
            words
                + (got < total ? " (" + std::to_string(total - got) + " updates lost)" : ", nothing lost this time") };
    };
    return b;
}

#endif

} // namespace mpstage::scenes
