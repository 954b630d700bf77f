// SPDX-License-Identifier: MIT
// Seed 001: "the program that calculates pi given in previous chapters only needs to share a single variable to
// allow the different threads to pool their calculation ... To pass simple data between processes the solution
// is to use shared memory." Pi from the Leibniz series, the terms split among processes, each adding its
// partial sum into one shared Value under the Value's lock.

#include "scene_support.h"
#include "scenes.h"

#include <mp/process.h>
#include <mp/sharedctypes.h>
#include <mp/synchronize.h>

#include <cstdio>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "pi-value";

constexpr const char* LISTING = R"(import ctypes
import math
import multiprocessing
[-shared] PI = 0.0  # a plain global: after fork, every process has its own copy


[+shared] def my_pi(m, n, PI):
[-shared] def my_pi(m, n):
[-shared]     global PI
    # Terms m to n of the Leibniz series: pi = 4 * (1 - 1/3 + 1/5 - 1/7 + ...)
    pi = 0
    for k in range(m, n + 1):  @loop
        s = 1 if k % 2 else -1
        pi += s / (2 * k - 1)
[+shared]     with PI.get_lock():  @with
[+shared]         PI.value += pi * 4  @add
[-shared]     PI += pi * 4  @add


if __name__ == '__main__':
    N = {terms}
    P = {processes}
[+shared]     PI = multiprocessing.Value(ctypes.c_double, 0.0)  @value
    processes = []
    for i in range(P):
        m = i * N // P + 1
        n = (i + 1) * N // P
[+shared]         p = multiprocessing.Process(target=my_pi, args=(m, n, PI))
[-shared]         p = multiprocessing.Process(target=my_pi, args=(m, n))
        processes.append(p)
        p.start()  @start
    for p in processes:
        p.join()  @join
[+shared]     print(f'pi is about {PI.value:.8f}')  @print
[-shared]     print(f'pi is about {PI:.8f}')  @print
    print(f'math.pi is  {math.pi:.8f}')  @mathpi
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, { { "shared", p.boolean("shared") } },
        { { "terms", std::to_string(p.integer("terms")) }, { "processes", std::to_string(p.integer("processes")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo piValueInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "Pi from several processes, summed into one Value";
    s.summary = "The book's pi program, for processes: the terms of the series pi = 4 (1 - 1/3 + 1/5 - ...) are "
                "split among several processes, each adds up its share and then adds its partial sum into one "
                "shared Value('d'), holding the Value's lock for the update. Processes share no variables, so "
                "with a plain global instead each child adds into its own copy and the parent is left with 0.";
    s.difficulty = 2;
    s.tags = { "shared memory", "locks", "seed" };
    s.params = {
        { "terms", "Terms", "how many terms of the series are added in all", ParamType::Int, "2000000", 1000,
            20000000 },
        { "processes", "Processes", "how many processes share the terms", ParamType::Int, "4", 1, 8 },
        { "shared", "Use a shared Value", "PI is a multiprocessing.Value (or a plain global float)", ParamType::Bool,
            "true" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the processes compute side by side without touching PI, then each take PI's lock once, briefly, to "
        "add its share.",
        "Four processes each add up half a million terms. What does the parent find in PI at the end? And if PI were "
        "an ordinary global?",
        "The long part, adding up terms, needs no sharing at all: each process works on local variables. Only the "
        "last step touches shared memory, once per process, under the lock, because `PI.value += part` is a read "
        "and a write that another process could slip between. A plain global would not do: fork copies it, each "
        "child adds into its own copy, and the parent's stays 0.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.boolean("shared"))
            return Outcome { OutcomeKind::Completes,
                "completes: the parent prints pi to 8 places, as close as that "
                "many terms get" };
        return Outcome { OutcomeKind::Completes,
            "completes, but the parent prints 0.00000000: each child added into its own copy of PI" };
    };
    s.variants = { { "a plain global instead of a Value", { { "shared", "false" } } } };
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

std::string fixed8(double x)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.8f", x);
    return buf;
}

// Terms m to n of the series, added in the order Python adds them, so the partial sums are bit for bit the same.
double partialSum(long m, long n)
{
    double pi = 0;
    for (long k = m; k <= n; ++k) {
        const double s = k % 2 ? 1 : -1;
        pi += s / static_cast<double>(2 * k - 1);
    }
    return pi;
}

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const long N = p.integer("terms");
    const long P = p.integer("processes");
    const bool shared = p.boolean("shared");
    double plainPi = 0.0; // the global of the unshared variant: each forked child changes its own copy
    std::optional<mp::Value> PI;
    if (shared) {
        at(l, "value");
        PI.emplace('d', 0.0);
        mp::telemetry::label(PI->telemetry_id(), "PI");
        mp::telemetry::label(PI->get_lock().semlock().telemetry_id(), "PI.get_lock()");
    }
    std::vector<mp::Process> processes;
    for (long i = 0; i < P; ++i) {
        const long m = i * N / P + 1;
        const long n = (i + 1) * N / P;
        processes.emplace_back([&, m, n] {
            at(l, "loop");
            const double pi = partialSum(m, n);
            if (shared) {
                at(l, "with");
                mp::Guard g(PI->get_lock());
                at(l, "add");
                PI->value += pi * 4;
            } else {
                at(l, "add");
                plainPi += pi * 4;
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
    print("pi is about " + fixed8(shared ? static_cast<double>(PI->value) : plainPi));
    at(l, "mathpi");
    print("math.pi is  " + fixed8(std::numbers::pi));
}

std::string expectedPrints(const ParamValues& p)
{
    const long N = p.integer("terms");
    double pi = 0;
    if (p.boolean("shared"))
        for (long i = 0, P = p.integer("processes"); i < P; ++i)
            pi += partialSum(i * N / P + 1, (i + 1) * N / P) * 4;
    return "pi is about " + fixed8(pi) + "\nmath.pi is  " + fixed8(std::numbers::pi) + "\n";
}

} // namespace

SceneBody piValueBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) { return expectPrinted(r, expectedPrints(p)); };
    return b;
}

#endif

} // namespace mpstage::scenes
