// SPDX-License-Identifier: MIT
#pragma once
// The time base of every event: CLOCK_MONOTONIC nanoseconds (TELEMETRY.md), comparable across the actors of
// one machine and with the host's own clock_gettime(). A `full` run stamps every instrumented step, several
// inside each critical section, so the read must be cheap: where the kernel itself keeps CLOCK_MONOTONIC
// with the CPU's time-stamp counter (clocksource `tsc`: invariant, synchronised across CPUs), nowNs() reads
// the counter and converts it along a line that the actor's flusher re-fits to clock_gettime() every tick.
// Anywhere else it is clock_gettime() itself.

#include <cstdint>

namespace mp::telemetry {

std::uint64_t nowNs();

// Measures the counter's rate against clock_gettime() (about a millisecond) and starts the line. Once per
// session, in the process that forks the actors: they inherit the line.
void startClock();

// Moves the line to a fresh reading of clock_gettime(), with the counter's rate measured since the last
// re-fit. From one thread at a time (the flusher's).
void refitClock();

// In a forked child, before it starts threads: the parent's flusher may have been half-way through a re-fit
// when the fork copied the line.
void clockAfterFork();

// True when nowNs() reads the time-stamp counter.
bool clockUsesTsc();

} // namespace mp::telemetry
