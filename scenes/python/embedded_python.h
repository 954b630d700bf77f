// SPDX-License-Identifier: MIT
#pragma once
// The interpreter MainProcess runs a Python program in: Debian's Python 3.11 embedded in the forked actor,
// with the engine's bindings built in as _mpstage (the same engine, telemetry and gates as the host's).

#include <mpstage/params.h>

#include <string>

namespace mpstage {

// What each process of a Python program may map (RLIMIT_AS): past it, Python raises MemoryError.
inline constexpr unsigned long MEMORY_LIMIT = 4UL << 30;

// Runs the program as __main__ (the parameters as module-level names) and returns its exit code, as
// `python3 FILE.py` would give it. Call once per process, in the actor.
int runPythonProgram(const std::string& path, const ParamValues& params);

} // namespace mpstage
