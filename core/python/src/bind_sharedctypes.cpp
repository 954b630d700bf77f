// SPDX-License-Identifier: MIT
// Value, RawValue, Array and RawArray (multiprocessing.sharedctypes) on the engine's shared cells. The
// Python functions in mpstage/multiprocessing/sharedctypes.py turn ctypes types into typecodes.

#include "bridge.h"
#include "fast_lock.h"

#include <mp/sharedctypes.h>
#include <mp/slice.h>

#include <pybind11/stl.h>

#include <optional>

namespace mpstage::python {

namespace {

mp::LockArg lockArg(py::handle lock)
{
    if (lock.is_none())
        return mp::LockArg(mp::None);
    if (PyBool_Check(lock.ptr()))
        return mp::LockArg(lock.ptr() == Py_True);
    if (py::isinstance<mp::RLock>(lock))
        return mp::LockArg(lock.cast<mp::RLock>());
    if (py::isinstance<mp::Lock>(lock))
        return mp::LockArg(lock.cast<mp::Lock>());
    if (py::isinstance<mp::BoundedSemaphore>(lock))
        return mp::LockArg(lock.cast<mp::BoundedSemaphore>());
    if (py::isinstance<mp::Semaphore>(lock))
        return mp::LockArg(lock.cast<mp::Semaphore>());
    throw py::attribute_error(std::string("'") + Py_TYPE(lock.ptr())->tp_name + "' object has no attribute 'acquire'");
}

char code(const std::string& typecode)
{
    if (typecode.size() != 1)
        throw py::type_error("this type has no size");
    return typecode[0];
}

// slice(start, stop, step) as the engine's mp::slice (None: std::nullopt).
mp::slice toSlice(py::handle key)
{
    auto bound = [](py::handle v) -> std::optional<std::int64_t> {
        if (v.is_none())
            return std::nullopt;
        return v.cast<std::int64_t>();
    };
    return mp::slice { bound(key.attr("start")), bound(key.attr("stop")), bound(key.attr("step")) };
}

// a[i] or a[start:stop:step], Python's indexing rules; a slice is one critical section, as in CPython.
template <typename A> py::object getItem(const A& a, py::handle key)
{
    reportLine();
    if (PySlice_Check(key.ptr()))
        return fromScalar(a.get_slice(toSlice(key)));
    return fromScalar(a[key.cast<std::int64_t>()].get());
}

template <typename A> void setItem(A& a, py::handle key, py::handle value)
{
    reportLine();
    if (PySlice_Check(key.ptr())) {
        a.set_slice(toSlice(key), toScalar(value));
        return;
    }
    a[key.cast<std::int64_t>()].set(toScalar(value));
}

template <typename A, typename C> void defineArrayMethods(C& cls)
{
    cls.def("__len__", [](const A& a) { return a.size(); })
        .def("__getitem__", [](const A& a, py::handle key) { return getItem(a, key); })
        .def("__setitem__", [](A& a, py::handle key, py::handle value) { setItem(a, key, value); })
        .def_property(
            "value", [](const A& a) { return py::bytes(a.value.get().data); },
            [](A& a, py::handle v) { a.value.set(toScalar(v)); })
        .def_property(
            "raw", [](const A& a) { return py::bytes(a.raw.get().data); },
            [](A& a, py::handle v) { a.raw.set(toScalar(v)); })
        .def("__repr__", &A::repr);
}

// `value` is a plain CPython getter and setter (fast_call.h): `v.value += 1` makes two calls to it.
template <typename V> struct ValueAccess {
    static PyObject* get(PyObject* obj, void*)
    {
        try {
            reportLine();
            return fromScalar(fast::self<V>(obj).value.get()).release().ptr();
        } catch (...) {
            return fast::translate();
        }
    }
    static int set(PyObject* obj, PyObject* x, void*)
    {
        if (!x) {
            PyErr_Format(
                PyExc_AttributeError, "property 'value' of '%s' object has no deleter", _PyType_Name(Py_TYPE(obj)));
            return -1;
        }
        try {
            reportLine();
            fast::self<V>(obj).value.set(toScalar(x));
            return 0;
        } catch (...) {
            fast::translate();
            return -1;
        }
    }
    static inline PyGetSetDef defs[] = {
        { "value", get, set, nullptr, nullptr },
        { nullptr, nullptr, nullptr, nullptr, nullptr },
    };
};

template <typename V, typename C> void defineValueProperty(C& cls)
{
    fast::install(cls, nullptr, ValueAccess<V>::defs);
    cls.def("__repr__", &V::repr);
}

// get_lock() is a plain CPython method too (a program may call it in its loop: `with v.get_lock():`), and so
// are the lock methods (fast_lock.h).
template <typename W> PyObject* getLock(PyObject* obj, PyObject*)
{
    try {
        return py::cast(fast::self<W>(obj).get_lock()).release().ptr();
    } catch (...) {
        return fast::translate();
    }
}

template <typename W, typename C> void defineLockAccess(C& cls)
{
    static PyMethodDef defs[] = {
        { "get_lock", getLock<W>, METH_NOARGS, "get_lock($self, /)\n--\n\n" },
        { nullptr, nullptr, 0, nullptr },
    };
    fast::install(cls, defs);
    fast::installLockMethods<W>(cls);
    cls.def("get_obj", &W::get_obj);
}

} // namespace

void bindSharedctypes(py::module_& m)
{
    py::class_<mp::AnyLock> anyLock(m, "_AnyLock");
    fast::installLockMethods<mp::AnyLock>(anyLock);
    anyLock.def("__repr__", &mp::AnyLock::repr);

    py::class_<mp::RawValue> raw(m, "_RawValue");
    raw.def(py::init([](const std::string& tc, py::handle init) {
        return init.is_none() ? mp::RawValue(code(tc)) : mp::RawValue(code(tc), toScalar(init));
    }));
    defineValueProperty<mp::RawValue>(raw);

    py::class_<mp::Value> value(m, "_Value");
    value.def(py::init([](const std::string& tc, py::handle init, py::handle lock) {
        reportLine();
        return mp::Value(code(tc), init.is_none() ? mp::Object(0) : toScalar(init), lockArg(lock));
    }));
    defineValueProperty<mp::Value>(value);
    defineLockAccess<mp::Value>(value);
    shareByInheritanceOnly(value, "Synchronized");

    py::class_<mp::RawArray> rawArray(m, "_RawArray");
    rawArray.def(
        py::init([](const std::string& tc, py::handle init) { return mp::RawArray(code(tc), toScalar(init)); }));
    defineArrayMethods<mp::RawArray>(rawArray);

    py::class_<mp::Array> array(m, "_Array");
    array.def(py::init([](const std::string& tc, py::handle init, py::handle lock) {
        reportLine();
        return mp::Array(code(tc), toScalar(init), lockArg(lock));
    }));
    defineArrayMethods<mp::Array>(array);
    defineLockAccess<mp::Array>(array);
    shareByInheritanceOnly(array, "SynchronizedArray");
}

} // namespace mpstage::python
