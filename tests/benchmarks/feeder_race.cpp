// SPDX-License-Identifier: MIT
// How often empty() says True right after put(): the race between a Queue's feeder thread and the line after
// the put (mp/queues.h and the README say what the figures mean). A count of a race and one timing that gate
// nothing; CTest does not run it. python/feeder_race.py counts the same under CPython and, unchanged, under
// a Python program on the engine.
//   build/dev/tests/benchmarks/mpstage_feeder_race [TRIALS [FEEDER_DELAY_S]]
// Prints one line per case, e.g. `first put: True 693/1000` and `idle feeder: True 472/1000`:
//   first put    a fresh queue: put(1) starts its feeder thread, then empty() at once
//   idle feeder  a queue whose feeder has written one item and gone idle: put(1), then empty() at once
//   round trip   what that costs: a request and its reply through two Queues to a child that echoes it (the
//                mean over 2,000, after one to start both feeders)
// FEEDER_DELAY_S (default 0) is the queues' slow motion (Queue::set_feeder_delay): the feeder waits that long
// before each write, which shows what holding its writes back, as the GIL does, would take to give CPython's odds.
#include <mp/object.h>
#include <mp/process.h>
#include <mp/queues.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

int firstPut(int trials, double delay)
{
    int said = 0;
    for (int i = 0; i < trials; ++i) {
        mp::Queue q;
        q.set_feeder_delay(delay);
        q.put(1);
        said += q.empty() ? 1 : 0;
        q.get();
    }
    return said;
}

int idleFeeder(int trials, double delay)
{
    int said = 0;
    for (int i = 0; i < trials; ++i) {
        mp::Queue q;
        q.set_feeder_delay(delay);
        q.put(0);
        q.get(); // the feeder has written it and goes idle
        q.put(1);
        said += q.empty() ? 1 : 0;
        q.get();
    }
    return said;
}

double roundTripMicroseconds(double delay)
{
    constexpr int ROUNDS = 2000;
    mp::Queue requests;
    mp::Queue replies;
    requests.set_feeder_delay(delay);
    replies.set_feeder_delay(delay);
    mp::Process echo([&] {
        for (mp::Object o = requests.get(); !o.is_none(); o = requests.get())
            replies.put(o);
    });
    echo.start();
    requests.put(0);
    replies.get();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < ROUNDS; ++i) {
        requests.put(i);
        replies.get();
    }
    const auto took = std::chrono::steady_clock::now() - start;
    requests.put(mp::None);
    echo.join();
    return std::chrono::duration<double, std::micro>(took).count() / ROUNDS;
}

} // namespace

int main(int argc, char** argv)
{
    const int trials = argc > 1 ? std::atoi(argv[1]) : 1000;
    const double delay = argc > 2 ? std::strtod(argv[2], nullptr) : 0.0;
    if (trials <= 0 || delay < 0) {
        std::fprintf(stderr, "usage: %s [TRIALS [FEEDER_DELAY_S]] (TRIALS > 0, FEEDER_DELAY_S >= 0)\n", argv[0]);
        return 2;
    }
    std::printf("first put: True %d/%d\n", firstPut(trials, delay), trials);
    std::printf("idle feeder: True %d/%d\n", idleFeeder(trials, delay), trials);
    std::printf("round trip: %.1f us\n", roundTripMicroseconds(delay));
    return 0;
}
