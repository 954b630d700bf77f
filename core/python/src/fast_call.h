// SPDX-License-Identifier: MIT
#pragma once
// Plain CPython methods and getters on the module's pybind11 classes, for the calls a program makes in its
// inner loop (`with lock:`, `v.value += 1`, `conn.send_bytes(b)`). pybind11's dispatcher costs 100-250 ns a
// call (its function record, overload loop, argument casters, the instancemethod wrapper); CPython's own
// objects answer these calls in 20-50 ns (Modules/_multiprocessing/semaphore.c, Modules/_ctypes). A
// PyMethodDef (METH_NOARGS, METH_O, METH_FASTCALL) or PyGetSetDef installed on the pybind11 class goes
// straight to the C++ object and calls the same engine functions as the pybind11 binding it replaces, with
// the same exceptions (through the translators the module registers).

#include <pybind11/pybind11.h>

#include <optional>

namespace mpstage::python::fast {

namespace py = pybind11;

// The C++ object a pybind11 instance of T holds. T must be the class the method is installed on (instances
// of it or of a Python subclass reach here: the method descriptor checks the type first). The usual instance
// holds a pointer to it in its first slot; any other goes through pybind11's own cast.
template <typename T> T& self(PyObject* obj)
{
    auto* inst = reinterpret_cast<py::detail::instance*>(obj);
    if (inst->simple_layout && inst->simple_value_holder[0])
        return *static_cast<T*>(inst->simple_value_holder[0]);
    return py::handle(obj).cast<T&>();
}

// Sets the Python error for the C++ exception being handled, as pybind11's dispatcher does (registered
// translators first), and returns nullptr; call it in a catch (...) block.
PyObject* translate();

// Arguments of a METH_FASTCALL | METH_KEYWORDS call matched to names (positional first, then by keyword),
// as Python matches them: out[i] is the argument for names[i], or nullptr when not given. Sets TypeError and
// returns false for too many arguments, an unknown keyword or an argument given twice.
bool parse(const char* function, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, const char* const* names,
    int count, PyObject** out);

// The same for a Python method `def NAME(self, <names>)` whose first `required` parameters have no default,
// with Python's own errors for it (self counted in the numbers), as CPython's Python methods give them:
// `qualname` is "Queue.put", "_ConnectionBase.send", ...
bool parseMethod(const char* qualname, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
    const char* const* names, int count, int required, PyObject** out);

// None (or absent) as std::nullopt, else the number as a double (TypeError for what is not a number).
std::optional<double> optionalSeconds(PyObject* obj);

// Installs the methods and getters (each array ends with an empty entry, and lives as long as the module)
// on the class, in place of whatever pybind11 defined under the same names.
void install(py::handle cls, PyMethodDef* methods, PyGetSetDef* getsets = nullptr);

} // namespace mpstage::python::fast
