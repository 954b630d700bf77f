// SPDX-License-Identifier: MIT
#pragma once
// acquire(block=True, timeout=None), release(), __enter__() and __exit__(*args) as plain CPython methods
// (fast_call.h), for every class with a lock's face: Lock, RLock, Semaphore, BoundedSemaphore, Condition,
// a Value's or an Array's lock (AnyLock), and Value and Array themselves. Each calls what the pybind11
// binding called: acquireLetGo() (a try that keeps the GIL, then a wait without it) and the engine's release().

#include "bridge.h"
#include "fast_call.h"

namespace mpstage::python::fast {

// L: the C++ class; ReleaseReportsLine: release() reports the program line first (as the synchronize
// classes' release() does; __exit__ never does).
template <typename L, bool ReleaseReportsLine> struct LockMethods {
    static PyObject* acquire(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
    {
        static const char* const names[] = { "block", "timeout" };
        PyObject* given[2];
        if (!parse("acquire", args, nargs, kwnames, names, 2, given))
            return nullptr;
        try {
            bool block = true;
            if (given[0]) {
                const int truth = PyObject_IsTrue(given[0]);
                if (truth < 0)
                    return nullptr;
                block = truth != 0;
            }
            const std::optional<double> timeout = optionalSeconds(given[1]);
            return PyBool_FromLong(acquireLetGo(self<L>(obj), block, timeout));
        } catch (...) {
            return translate();
        }
    }
    static PyObject* release(PyObject* obj, PyObject*)
    {
        try {
            if constexpr (ReleaseReportsLine)
                reportLine();
            self<L>(obj).release();
            Py_RETURN_NONE;
        } catch (...) {
            return translate();
        }
    }
    static PyObject* enter(PyObject* obj, PyObject*)
    {
        try {
            return PyBool_FromLong(acquireLetGo(self<L>(obj)));
        } catch (...) {
            return translate();
        }
    }
    static PyObject* exit(PyObject* obj, PyObject* const*, Py_ssize_t)
    {
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
        { "release", release, METH_NOARGS, "release($self, /)\n--\n\n" },
        { "__enter__", enter, METH_NOARGS, "__enter__($self, /)\n--\n\n" },
        { "__exit__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(exit)), METH_FASTCALL,
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
