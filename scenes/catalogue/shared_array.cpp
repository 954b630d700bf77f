// SPDX-License-Identifier: MIT
// Seed 004: "If your data is not just an int or str, but an array, you can use from multiprocessing import
// Array ... share_numbers = Array('i', range(50))". Children each change their own part of one shared Array,
// and the parent sees every change; with a plain list, each child changes its own copy and the parent sees none.

#include "scene_support.h"
#include "scenes.h"

#include <mp/process.h>
#include <mp/sharedctypes.h>

#include <optional>
#include <ranges>
#include <vector>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "shared-array";

constexpr const char* LISTING = R"(from multiprocessing import Process, Array


def double_part(numbers, start, stop):
    for i in range(start, stop):
        numbers[i] = numbers[i] * 2  @double


if __name__ == '__main__':
[+shared]     share_numbers = Array('i', range({size}))  @array
[-shared]     share_numbers = list(range({size}))  # a plain list: each child gets its own copy  @array
    processes = []
    for k in range({processes}):
        start = k * {size} // {processes}
        stop = (k + 1) * {size} // {processes}
        p = Process(target=double_part, args=(share_numbers, start, stop))
        processes.append(p)
        p.start()  @start
    for p in processes:
        p.join()  @join
    print(share_numbers[:])  @print
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, { { "shared", p.boolean("shared") } },
        { { "size", std::to_string(p.integer("size")) }, { "processes", std::to_string(p.integer("processes")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo sharedArrayInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "An Array that children change and the parent sees";
    s.summary = "Array('i', range(50)) puts fifty C ints in shared memory. Each child doubles its own slice of it, "
                "and once they are done the parent prints the whole array doubled: the children wrote into the very "
                "memory the parent reads. Make it a plain list and each child doubles a private copy made at fork; "
                "the parent's list never changes.";
    s.difficulty = 1;
    s.tags = { "shared memory", "seed" };
    s.params = {
        { "size", "Items", "how many ints the array holds", ParamType::Int, "50", 1, 200 },
        { "processes", "Processes", "how many children share the work", ParamType::Int, "4", 1, 8 },
        { "shared", "Use an Array", "share_numbers is a shared Array (or a plain list)", ParamType::Bool, "true" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch each child write its own part of share_numbers, and the parent read all of it at the end.",
        "Four children each double a quarter of the numbers. What does the parent print? And if share_numbers were an "
        "ordinary list?",
        "fork gives each child a copy of the parent's memory, so changes to ordinary objects stay in the child that "
        "made them. An Array's storage is the exception: it is mapped shared, so every process reads and writes the "
        "same ints. The slices do not overlap, so no two children ever write the same item, and no lock is needed "
        "beyond the one each item access takes anyway.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.boolean("shared"))
            return Outcome { OutcomeKind::Completes, "completes: the parent prints every number doubled" };
        return Outcome { OutcomeKind::Completes,
            "completes: the parent prints the numbers unchanged, as each child doubled its own copy" };
    };
    s.variants = { { "a plain list: the children change their own copies", { { "shared", "false" } } } };
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const long size = p.integer("size");
    const long count = p.integer("processes");
    const bool shared = p.boolean("shared");
    at(l, "array");
    // share_numbers is one or the other, as in the Python program.
    std::optional<mp::Array> array;
    mp::list plain;
    if (shared) {
        array.emplace('i', std::views::iota(0L, size)); // (Array has no telemetry_id() to label it with)
    } else {
        for (long i = 0; i < size; ++i)
            plain.emplace_back(i);
    }
    std::vector<mp::Process> processes;
    for (long k = 0; k < count; ++k) {
        const long start = k * size / count;
        const long stop = (k + 1) * size / count;
        processes.emplace_back([&, start, stop] {
            for (long i = start; i < stop; ++i) {
                at(l, "double");
                if (shared)
                    (*array)[i] = (*array)[i].get().as_int() * 2;
                else
                    plain[static_cast<std::size_t>(i)] = plain[static_cast<std::size_t>(i)].as_int() * 2;
            }
        });
        at(l, "start");
        processes.back().start();
    }
    for (auto& proc : processes) {
        at(l, "join");
        proc.join();
    }
    at(l, "print");
    print(shared ? array->get_slice() : mp::Object(plain));
}

std::string expectedPrints(const ParamValues& p)
{
    const long factor = p.boolean("shared") ? 2 : 1;
    mp::list numbers;
    for (long i = 0; i < p.integer("size"); ++i)
        numbers.emplace_back(i * factor);
    return mp::repr(numbers) + "\n";
}

} // namespace

SceneBody sharedArrayBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) { return expectPrinted(r, expectedPrints(p)); };
    return b;
}

#endif

} // namespace mpstage::scenes
