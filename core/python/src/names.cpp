// SPDX-License-Identifier: MIT
#include "names.h"

#include <mp/telemetry/event.h>
#include <mp/telemetry/session.h>

#include <pybind11/pybind11.h>

#include <string>

namespace mpstage::python {

namespace py = pybind11;

namespace {

// Asked by the engine before it reports an object (observed runs only), in the thread that makes it.
mp::telemetry::ProgramNames nameFromProgram(mp::telemetry::ObjectKind kind, std::int64_t parameter)
{
    mp::telemetry::ProgramNames out;
    // Only a call from Python can be named, and only while Python runs: an engine thread, or the exit, asks too.
    if (!Py_IsInitialized() || _Py_IsFinalizing() || !PyGILState_Check())
        return out;
    PyObject *type = nullptr, *value = nullptr, *traceback = nullptr;
    PyErr_Fetch(&type, &value, &traceback); // an exception on its way up stays as it was
    try {
        static auto& names = *new py::object(py::module_::import("mpstage._names").attr("names")); // never freed
        const py::object found = names(mp::telemetry::objectKindName(kind), parameter != 0);
        if (!found.is_none()) {
            const auto t = found.cast<py::tuple>();
            out.object = t[0].cast<std::string>();
            out.ends = { t[1].cast<std::string>(), t[2].cast<std::string>() };
        }
    } catch (const py::error_already_set&) {
        PyErr_Clear(); // a name is a nicety: the default label stays
        out = {};
    } catch (const py::cast_error&) {
        out = {};
    }
    PyErr_Restore(type, value, traceback);
    return out;
}

} // namespace

void installNamer()
{
    mp::telemetry::set_namer(nameFromProgram);
}

} // namespace mpstage::python
