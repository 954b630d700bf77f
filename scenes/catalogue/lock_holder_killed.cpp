// SPDX-License-Identifier: MIT
// A process killed while it holds a Value's lock never releases it (CPYTHON_SEMANTICS item 67: multiprocessing
// locks are plain POSIX semaphores, with no robust-mutex recovery), so every later `with counter.get_lock():`
// waits for ever.

#include "scene_support.h"
#include "scenes.h"

#include <mp/process.h>
#include <mp/sharedctypes.h>
#include <mp/synchronize.h>

#include <csignal>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "lock-holder-killed";

constexpr const char* LISTING = R"(import multiprocessing
import os
import signal


def holder(counter):
[+holding]     counter.get_lock().acquire()  @acquire
[+holding]     counter.value += 1  @inc
[+holding]     os.kill(os.getpid(), signal.SIGKILL)  # dies holding the lock  @kill
[-holding]     with counter.get_lock():  @acquire
[-holding]         counter.value += 1  @inc
[-holding]     os.kill(os.getpid(), signal.SIGKILL)  # dies after releasing it  @kill


def adder(counter):
    with counter.get_lock():  @with
        counter.value += 1  @add


if __name__ == '__main__':
    counter = multiprocessing.Value('i', 0)  @value
    h = multiprocessing.Process(target=holder, args=(counter,))
    h.start()  @hstart
    h.join()  @hjoin
    print('holder exit code:', h.exitcode)  @exitcode
    adders = [multiprocessing.Process(target=adder, args=(counter,)) for _ in range({adders})]
    for p in adders:
        p.start()  @start
    for p in adders:
        p.join()  @join
    print('counter:', counter.value)  @print
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(
        LISTING, { { "holding", p.boolean("die_holding") } }, { { "adders", std::to_string(p.integer("adders")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo lockHolderKilledInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "Killed while holding a lock";
    s.summary = "A process takes a Value's lock and is killed (SIGKILL) before it releases it. A killed process "
                "runs no cleanup, and a multiprocessing lock does not know who holds it, so it stays taken for good: "
                "every process that later wants the lock waits for ever. Killed after releasing, it harms nobody.";
    s.difficulty = 3;
    s.tags = { "locks", "shared memory", "pitfall" };
    s.params = {
        { "adders", "Adders", "how many processes want the lock after the holder has died", ParamType::Int, "3", 1, 8 },
        { "die_holding", "Die holding the lock", "the holder is killed before it releases the lock (or just after)",
            ParamType::Bool, "true" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the padlock on counter: the holder takes it, then disappears, and the padlock stays shut.",
        "The holder is dead and the parent has joined it. When the adders start, can any of them take the lock?",
        "A multiprocessing Lock or RLock is a semaphore in shared memory: taking it lowers a count, releasing it "
        "raises it again. SIGKILL gives the holder no chance to release, and nothing else ever will, so the "
        "count stays at zero. Operating systems offer a remedy, the robust mutex: when its owner dies, the next "
        "process to lock it is told so (EOWNERDEAD), takes it over and must repair whatever the dead owner left "
        "half-written. Python's multiprocessing does not use them. The C++ engine behind this stage can "
        "(mp::Lock(mp::DeadHolder::Recover)), but this scene keeps to what Python does.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.boolean("die_holding"))
            return Outcome { OutcomeKind::Hangs,
                "hangs: the holder was killed holding counter's lock, and the adders wait for it for ever" };
        return Outcome { OutcomeKind::Completes,
            "completes: the holder released the lock before it was killed, and "
            "every adder adds 1" };
    };
    s.variants = { { "killed after releasing the lock", { { "die_holding", "false" } } } };
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const bool holding = p.boolean("die_holding");
    at(l, "value");
    mp::Value counter('i', 0);
    mp::telemetry::label(counter.telemetry_id(), "counter");
    mp::telemetry::label(counter.get_lock().semlock().telemetry_id(), "counter.get_lock()");
    mp::Process h([&] {
        at(l, "acquire");
        std::optional<mp::Guard<mp::AnyLock>> with;
        if (holding)
            counter.get_lock().acquire();
        else
            with.emplace(counter.get_lock());
        at(l, "inc");
        counter.value += 1;
        with.reset();
        at(l, "kill");
        ::kill(::getpid(), SIGKILL);
    });
    at(l, "hstart");
    h.start();
    at(l, "hjoin");
    h.join();
    at(l, "exitcode");
    print("holder exit code:", h.exitcode().value_or(0));
    std::vector<mp::Process> adders;
    for (long i = 0; i < p.integer("adders"); ++i)
        adders.emplace_back([&] {
            at(l, "with");
            mp::Guard g(counter.get_lock());
            at(l, "add");
            counter.value += 1;
        });
    for (auto& proc : adders) {
        at(l, "start");
        proc.start();
    }
    for (auto& proc : adders) {
        at(l, "join");
        proc.join();
    }
    at(l, "print");
    print("counter:", counter.value.get());
}

} // namespace

SceneBody lockHolderKilledBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        if (p.boolean("die_holding"))
            return expectHang(r, { "acquire()", "killed", "whose holder died" });
        return expectPrinted(r, "holder exit code: -9\ncounter: " + std::to_string(p.integer("adders") + 1) + "\n");
    };
    return b;
}

#endif

} // namespace mpstage::scenes
