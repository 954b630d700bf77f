// SPDX-License-Identifier: MIT
#pragma once
// What every binding of the Python module shares: Python objects carried through the engine as
// mp::Foreign values (pickled with Python's pickle, in the thread that writes them, under the GIL), the
// conversions between mp::Object and Python values, exceptions in Python's classes, and the program line
// each engine call reports to the stage.

#include <mp/errors.h>
#include <mp/object.h>

#include <pybind11/pybind11.h>

#include <optional>
#include <string>

namespace mpstage::python {

namespace py = pybind11;

// A Python object travelling through a Queue, a SimpleQueue or a Connection. A Queue's feeder pickles it
// when it writes it, as CPython's feeder does (so a later change to a mutable object is what arrives);
// SimpleQueue and Connection pickle in the caller, also as CPython does (pickleNow).
// onPickleError(e, obj), when given, is called in the feeder with the error if pickling fails (a Queue's
// _on_queue_feeder_error); the engine then drops the item without a report of its own.
mp::Object wrap(py::handle obj, py::handle onPickleError = py::handle());
mp::Object wrapPickled(py::handle obj);
// What arrived, as a Python object: a pickled object unpickled, an engine value converted.
py::object unwrap(const mp::Object& obj);

// The scalar values Value and Array cells hold (int, float, bytes, str), both ways.
mp::Object toScalar(py::handle obj);
py::object fromScalar(const mp::Object& obj);

// Raises the Python exception for the engine error being handled (inside a catch block).
[[noreturn]] void raisePython(const mp::Error& e);

// Reports the line of the running program the caller is at (only when the run is observed), so that the
// listing markers follow the real program.
void reportLine();
// True when the run is observed (telemetry on).
bool observed();

// Pickling it raises RuntimeError('<name> objects should only be shared between processes through
// inheritance'), as CPython's assert_spawning does.
void shareByInheritanceOnly(py::handle cls, const char* name);

// The module's attributes that raise Python's own exception classes (queue.Empty, ...), set at import.
void bindErrors(py::module_& m);
// The engine's wait hooks (the GIL is released while an engine call waits) and the foreign decoder.
void installHooks();

void bindProcess(py::module_& m);
void bindQueues(py::module_& m);
void bindConnection(py::module_& m);
void bindSync(py::module_& m);
void bindSharedctypes(py::module_& m);
void bindSharedMemory(py::module_& m);
void bindExit(py::module_& m);

// Engine calls that may wait release the GIL, as CPython's blocking calls do.
using Unlocked = py::gil_scoped_release;

// Run by the exit function, holding the GIL: engine threads leave Python alone from then on (bridge.cpp).
void closePythonToEngineThreads();

// acquire(block, timeout) on any lock: when the run is not observed, first a try that keeps the GIL (as
// CPython's SemLock.acquire tries sem_trywait before it lets go of the GIL); observed, the one acquire the
// program made, so that the stage shows no attempt it did not make.
template <typename L> bool acquireLetGo(L& lock, bool block = true, std::optional<double> timeout = std::nullopt)
{
    reportLine();
    if (!observed() && lock.acquire(false))
        return true;
    if (!block)
        return observed() ? lock.acquire(false) : false;
    Unlocked unlocked;
    return lock.acquire(true, timeout);
}

} // namespace mpstage::python
