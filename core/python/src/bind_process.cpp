// SPDX-License-Identifier: MIT
// The engine's Process under the Python Process class (mpstage/multiprocessing/process.py): start() forks
// as os.fork() does (Python's before/after-fork hooks run, the child holds the GIL), and the child runs the
// Python object's _bootstrap(), whose return value is the exit code.

#include "bridge.h"

#include <mp/errors.h>
#include <mp/process.h>

#include <pybind11/stl.h>

#include <memory>
#include <optional>

namespace mpstage::python {

namespace {

// A Python reference held from C++ code that may drop it without the GIL, or after the interpreter ended.
struct PyRef {
    explicit PyRef(py::object o)
        : obj(o.release().ptr())
    {
    }
    ~PyRef()
    {
        if (!Py_IsInitialized() || _Py_IsFinalizing())
            return;
        const PyGILState_STATE gil = PyGILState_Ensure();
        Py_DECREF(obj);
        PyGILState_Release(gil);
    }
    PyRef(const PyRef&) = delete;
    PyRef& operator=(const PyRef&) = delete;
    PyObject* obj;
};

void runChild(const PyRef& bootstrap)
{
    PyOS_AfterFork_Child(); // the forking thread held the GIL: now this process's only thread holds it
    int code = 1;
    try {
        code = py::reinterpret_borrow<py::object>(bootstrap.obj)().cast<int>();
    } catch (py::error_already_set& e) {
        e.restore();
        PyErr_Print();
    }
    if (code != 0)
        throw mp::SystemExit(code);
}

void start(mp::Process& p)
{
    reportLine();
    PyOS_BeforeFork();
    try {
        p.start();
    } catch (...) {
        PyOS_AfterFork_Parent();
        throw;
    }
    PyOS_AfterFork_Parent();
}

} // namespace

void bindProcess(py::module_& m)
{
    py::class_<mp::Process>(m, "_Process")
        .def(py::init([](py::object bootstrap, std::string name) {
            reportLine();
            auto ref = std::make_shared<PyRef>(std::move(bootstrap));
            return mp::Process([ref] { runChild(*ref); }, std::move(name));
        }),
            py::arg("bootstrap"), py::arg("name") = "")
        .def("start", &start)
        .def(
            "join",
            [](mp::Process& p, std::optional<double> timeout) {
                reportLine();
                Unlocked unlocked;
                p.join(timeout);
            },
            py::arg("timeout") = py::none())
        .def("is_alive", &mp::Process::is_alive)
        .def_property_readonly("exitcode", &mp::Process::exitcode)
        .def_property_readonly("pid",
            [](const mp::Process& p) -> std::optional<int> {
                if (p.pid() == 0)
                    return std::nullopt;
                return p.pid();
            })
        .def_property("name", &mp::Process::name, &mp::Process::set_name)
        .def_property("daemon", &mp::Process::daemon, &mp::Process::set_daemon)
        .def("terminate", &mp::Process::terminate)
        .def("kill", &mp::Process::kill)
        .def_property_readonly("sentinel", &mp::Process::sentinel);

    m.def("_current_process", [] {
        const mp::CurrentProcess& c = mp::current_process();
        return py::make_tuple(c.name(), c.pid(), c.daemon(), py::tuple(py::cast(c.identity())));
    });
}

} // namespace mpstage::python
