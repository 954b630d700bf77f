// SPDX-License-Identifier: MIT
#pragma once
// acquire(block=True, timeout=None), release(), __enter__() and __exit__(*args) as plain CPython methods
// (fast_call.h), for every class with a lock's face: Lock, RLock, Semaphore, BoundedSemaphore, Condition,
// a Value's or an Array's lock (AnyLock), and Value and Array themselves. Each calls what the pybind11
// binding called: acquireLetGo() (a try that keeps the GIL, then a wait without it) and the engine's release().

#include "bridge.h"
#include "fast_call.h"

#include <mp/condition.h>
#include <mp/synchronize.h>

#include <climits>
#include <type_traits>

namespace mpstage::python::fast {

// L: the C++ class; ReleaseReportsLine: release() reports the program line first (as the synchronize
// classes' release() does; __exit__ never does).
// SemLock.acquire is a C method whose arguments Argument Clinic matches (_PyArg_UnpackKeywords): the same
// matching as parse() (fast_call.h), with Clinic's messages rather than a Python function's.
inline bool parseClinic(const char* function, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
    const char* const* names, int count, PyObject** out)
{
    const Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    if (nargs + nkw > count) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d %sargument%s (%zd given)", function, count,
            nargs == 0 ? "keyword " : "", count == 1 ? "" : "s", nargs + nkw);
        return false;
    }
    auto named = [&](const char* name) -> PyObject* {
        for (Py_ssize_t k = 0; k < nkw; ++k)
            if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, k), name) == 0)
                return args[nargs + k];
        return nullptr;
    };
    Py_ssize_t left = nkw;
    for (int i = 0; i < count; ++i) {
        out[i] = i < nargs ? args[i] : (left > 0 ? named(names[i]) : nullptr);
        if (i >= nargs && out[i])
            --left;
    }
    if (left == 0)
        return true;
    for (int i = 0; i < nargs; ++i)
        if (named(names[i])) {
            PyErr_Format(
                PyExc_TypeError, "argument for %s() given by name ('%s') and position (%d)", function, names[i], i + 1);
            return false;
        }
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        PyObject* key = PyTuple_GET_ITEM(kwnames, k);
        bool known = false;
        for (int i = 0; i < count && !known; ++i)
            known = PyUnicode_CompareWithASCIIString(key, names[i]) == 0;
        if (!known) {
            PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %s()", key, function);
            return false;
        }
    }
    return true;
}

// L: the C++ class; ReleaseReportsLine: release() reports the program line first (as the synchronize
// classes' release() does; __exit__ never does).
template <typename L, bool ReleaseReportsLine> struct LockMethods {
    static PyObject* acquire(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
    {
        static const char* const names[] = { "block", "timeout" };
        PyObject* given[2];
        if (!parseClinic("acquire", args, nargs, kwnames, names, 2, given))
            return nullptr;
        try {
            bool block = true;
            if (given[0]) { // Clinic's bool(accept={int}): an int (or what has __index__), as a C int
                int overflow = 0;
                const long value = PyLong_AsLongAndOverflow(given[0], &overflow);
                if (value == -1 && PyErr_Occurred())
                    return nullptr;
                if (overflow || value > INT_MAX || value < INT_MIN) {
                    PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
                    return nullptr;
                }
                block = value != 0;
            }
            std::optional<double> timeout;
            try {
                timeout = optionalSeconds(given[1]);
            } catch (py::error_already_set&) {
                // An RLock its owner re-enters returns True before SemLock.acquire looks at the timeout; so
                // does a Condition's, which synchronize.Condition marks _lock_is_recursive.
                if constexpr (std::is_same_v<L, mp::RLock>) {
                    if (!self<L>(obj).is_mine())
                        throw;
                } else if constexpr (std::is_same_v<L, mp::Condition>) {
                    if (!self<L>(obj).semlock().is_mine()
                        || !py::bool_(py::getattr(py::handle(obj), "_lock_is_recursive", py::bool_(false))))
                        throw;
                } else {
                    throw;
                }
            }
            return PyBool_FromLong(acquireLetGo(self<L>(obj), block, timeout));
        } catch (...) {
            return translate();
        }
    }
    // A wrong call gets CPython's message: release is SemLock's C method (METH_NOARGS), __enter__ and
    // __exit__ are Python methods of synchronize.SemLock (or Condition) there.
    static constexpr const char* OWNER = std::is_same_v<L, mp::Condition> ? "Condition" : "SemLock";
    static bool noKeywords(const char* method, PyObject* kwnames)
    {
        if (!kwnames || PyTuple_GET_SIZE(kwnames) == 0)
            return true;
        PyErr_Format(PyExc_TypeError, "%s.%s() got an unexpected keyword argument '%U'", OWNER, method,
            PyTuple_GET_ITEM(kwnames, 0));
        return false;
    }
    static PyObject* release(PyObject* obj, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames)
    {
        if (kwnames && PyTuple_GET_SIZE(kwnames) != 0) {
            PyErr_SetString(PyExc_TypeError, "SemLock.release() takes no keyword arguments");
            return nullptr;
        }
        if (nargs != 0) {
            PyErr_Format(PyExc_TypeError, "SemLock.release() takes no arguments (%zd given)", nargs);
            return nullptr;
        }
        try {
            if constexpr (ReleaseReportsLine)
                reportLine();
            self<L>(obj).release();
            Py_RETURN_NONE;
        } catch (...) {
            return translate();
        }
    }
    static PyObject* enter(PyObject* obj, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames)
    {
        if (!noKeywords("__enter__", kwnames))
            return nullptr;
        if (nargs != 0) {
            PyErr_Format(
                PyExc_TypeError, "%s.__enter__() takes 1 positional argument but %zd were given", OWNER, nargs + 1);
            return nullptr;
        }
        try {
            return PyBool_FromLong(acquireLetGo(self<L>(obj)));
        } catch (...) {
            return translate();
        }
    }
    static PyObject* exit(PyObject* obj, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames)
    {
        if (!noKeywords("__exit__", kwnames))
            return nullptr;
        if (nargs > 3) {
            PyErr_Format(PyExc_TypeError, "__exit__ expected at most 3 arguments, got %zd", nargs);
            return nullptr;
        }
        try {
            self<L>(obj).release();
            Py_RETURN_NONE;
        } catch (...) {
            return translate();
        }
    }

    static inline PyMethodDef defs[] = {
        { "acquire", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(acquire)),
            METH_FASTCALL | METH_KEYWORDS, "acquire($self, /, block=True, timeout=None)\n--\n\n" },
        { "release", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(release)),
            METH_FASTCALL | METH_KEYWORDS, "release($self, /)\n--\n\n" },
        { "__enter__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(enter)),
            METH_FASTCALL | METH_KEYWORDS, "__enter__($self, /)\n--\n\n" },
        { "__exit__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(exit)), METH_FASTCALL | METH_KEYWORDS,
            "__exit__($self, /, *args)\n--\n\n" },
        { nullptr, nullptr, 0, nullptr },
    };
};

// Installs them on the pybind11 class of L.
template <typename L, bool ReleaseReportsLine = false> void installLockMethods(py::handle cls)
{
    install(cls, LockMethods<L, ReleaseReportsLine>::defs);
}

} // namespace mpstage::python::fast
