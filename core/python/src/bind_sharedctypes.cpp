// SPDX-License-Identifier: MIT
// Value, RawValue, Array and RawArray (multiprocessing.sharedctypes) on the engine's shared cells. The
// Python functions in mpstage/multiprocessing/sharedctypes.py turn ctypes types into typecodes, make the
// default RLock and name the classes as CPython does.
//
// Each bound object keeps its typecode, so that a Python value is converted here as ctypes converts it for
// that type (Modules/_ctypes/cfield.c: __index__ for integers, PyFloat_AsDouble for 'f'/'d', one byte for
// 'c', one character for 'u'), with ctypes' own words, before the engine stores it; and an index or a slice
// is read as ctypes' Array_subscript reads it.

#include "bridge.h"
#include "fast_lock.h"

#include <mp/sharedctypes.h>
#include <mp/slice.h>

#include <pybind11/stl.h>

#include <cstring>
#include <optional>
#include <type_traits>

namespace mpstage::python {

namespace {

// An engine object and the typecode it was made with.
template <typename Base> struct Typed : Base {
    Typed(Base base, char typecode)
        : Base(std::move(base))
        , tc(typecode)
    {
    }
    char tc;
};
using PyRawValue = Typed<mp::RawValue>;
using PyValue = Typed<mp::Value>;
using PyRawArray = Typed<mp::RawArray>;
using PyArray = Typed<mp::Array>;

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

bool isIntegerCode(char tc)
{
    return tc != '\0' && std::strchr("bBhHiIlLqQ", tc) != nullptr;
}

// What ctypes' setter for typecode tc accepts, as the engine value to store; ctypes' TypeError otherwise.
mp::Object cellValue(char tc, py::handle v)
{
    PyObject* o = v.ptr();
    if (isIntegerCode(tc)) {
        // ctypes takes __index__ and keeps the low bits (PyLong_AsUnsignedLongMask): 2**40 in a c_int is 0.
        py::object index = py::reinterpret_steal<py::object>(PyNumber_Index(o));
        if (!index)
            throw py::error_already_set();
        const unsigned long long bits = PyLong_AsUnsignedLongLongMask(index.ptr());
        if (bits == static_cast<unsigned long long>(-1) && PyErr_Occurred())
            throw py::error_already_set();
        return mp::Object(static_cast<std::int64_t>(bits));
    }
    if (tc == '?') { // ctypes' c_bool stores the truth of any object
        const int truth = PyObject_IsTrue(o);
        if (truth < 0)
            throw py::error_already_set();
        return mp::Object(truth != 0);
    }
    if (tc == 'f' || tc == 'd') {
        const double d = PyFloat_AsDouble(o); // "must be real number, not str"; OverflowError for a huge int
        if (d == -1.0 && PyErr_Occurred())
            throw py::error_already_set();
        return mp::Object(d);
    }
    if (tc == 'c') {
        if (PyBytes_Check(o) && PyBytes_GET_SIZE(o) == 1)
            return mp::Object(mp::Bytes(std::string(PyBytes_AS_STRING(o), 1)));
        if (PyByteArray_Check(o) && PyByteArray_GET_SIZE(o) == 1)
            return mp::Object(mp::Bytes(std::string(PyByteArray_AS_STRING(o), 1)));
        if (PyLong_Check(o)) {
            int overflow = 0;
            const long x = PyLong_AsLongAndOverflow(o, &overflow);
            if (!overflow && x >= 0 && x < 256)
                return mp::Object(mp::Bytes(std::string(1, static_cast<char>(x))));
        }
        throw py::type_error("one character bytes, bytearray or integer expected");
    }
    if (tc == 'u') {
        if (!PyUnicode_Check(o))
            throw py::type_error(
                std::string("unicode string expected instead of ") + Py_TYPE(o)->tp_name + " instance");
        if (PyUnicode_GetLength(o) != 1)
            throw py::type_error("one character unicode string expected");
    }
    return toScalar(v);
}

// What a cell holds before anything is stored in it: the memory is zero-filled (item 51).
mp::Object zeroFor(char tc)
{
    if (tc == 'c')
        return mp::Object(mp::Bytes(std::string(1, '\0')));
    if (tc == 'u')
        return mp::Object(std::string(1, '\0'));
    return mp::Object(0);
}

// An array's initializer as ctypes' Array.__init__(*init) takes it: len() first (a generator has none),
// then every item converted for the typecode.
mp::Object initializer(char tc, py::handle init)
{
    if (PyLong_Check(init.ptr()))
        return toScalar(init);
    if (PyObject_Length(init.ptr()) < 0)
        throw py::error_already_set();
    mp::list items;
    for (py::handle item : init)
        items.push_back(cellValue(tc, item));
    return mp::Object(std::move(items));
}

// A value the engine read, as Python sees it. An 'L'/'Q' value of 2**63 or more does not fit the engine's
// int: it is read again as the unsigned C value it is.
py::object readCell(const mp::SharedRef& ref)
{
    try {
        return fromScalar(ref.get());
    } catch (const mp::OverflowError&) {
        const std::uint64_t bits = ref;
        return py::reinterpret_steal<py::object>(PyLong_FromUnsignedLongLong(bits));
    }
}

// The empty result of a slice of an array of typecode tc: b'' for 'c', '' for 'u', [] for the others.
py::object emptySlice(char tc)
{
    if (tc == 'c')
        return py::bytes();
    if (tc == 'u')
        return py::str();
    return py::list();
}

// key as ctypes' Array_subscript reads a slice (PySlice_Unpack: "slice step cannot be zero", huge bounds
// clamp), normalised for an array of `length` items, as the engine's slice of the same items; the count.
Py_ssize_t toSlice(py::handle key, std::size_t length, mp::slice& out)
{
    Py_ssize_t start = 0, stop = 0, step = 0;
    if (PySlice_Unpack(key.ptr(), &start, &stop, &step) < 0)
        throw py::error_already_set();
    const Py_ssize_t count = PySlice_AdjustIndices(static_cast<Py_ssize_t>(length), &start, &stop, step);
    out.step = step;
    out.start = start;
    // After AdjustIndices a negative step's stop of -1 means "through item 0", which the engine spells None.
    if (stop < 0)
        out.stop = std::nullopt;
    else
        out.stop = stop;
    return count;
}

Py_ssize_t toIndex(py::handle key, const char* notAnIndex)
{
    if (!PyIndex_Check(key.ptr()))
        throw py::type_error(notAnIndex);
    const Py_ssize_t i = PyNumber_AsSsize_t(key.ptr(), PyExc_IndexError);
    if (i == -1 && PyErr_Occurred())
        throw py::error_already_set();
    return i;
}

// a[i] or a[start:stop:step], Python's indexing rules; a slice is one critical section, as in CPython.
template <typename A> py::object getItem(const A& a, py::handle key)
{
    reportLine();
    if (PySlice_Check(key.ptr())) {
        mp::slice range;
        if (toSlice(key, a.size(), range) == 0)
            return emptySlice(a.tc);
        try {
            return fromScalar(a.get_slice(range));
        } catch (const mp::OverflowError&) { // an 'L'/'Q' item of 2**63 or more: item by item
            py::list out;
            const std::int64_t step = range.step.value_or(1);
            std::int64_t i = range.start.value_or(0);
            for (Py_ssize_t k = 0, n = toSlice(key, a.size(), range); k < n; ++k, i += step)
                out.append(readCell(a[i]));
            return out;
        }
    }
    return readCell(a[toIndex(key, "indices must be integers")]);
}

template <typename A> void setItem(A& a, py::handle key, py::handle value)
{
    reportLine();
    if (PySlice_Check(key.ptr())) {
        mp::slice range;
        const Py_ssize_t count = toSlice(key, a.size(), range);
        // ctypes' Array_ass_subscript: anything whose PySequence_Length is not the slice's length.
        const Py_ssize_t given = PySequence_Size(value.ptr());
        if (given < 0)
            PyErr_Clear();
        if (given != count)
            throw py::value_error("Can only assign sequence of same size");
        if (count == 0)
            return;
        mp::list items;
        for (Py_ssize_t k = 0; k < given; ++k) {
            py::object item = py::reinterpret_steal<py::object>(PySequence_GetItem(value.ptr(), k));
            if (!item)
                throw py::error_already_set();
            items.push_back(cellValue(a.tc, item));
        }
        a.set_slice(range, mp::Object(std::move(items)));
        return;
    }
    const Py_ssize_t i = toIndex(key, "indices must be integer");
    a[i].set(cellValue(a.tc, value));
}

template <typename A, typename C> void defineArrayMethods(C& cls)
{
    cls.def("__len__", [](const A& a) { return a.size(); })
        .def("__getitem__", [](const A& a, py::handle key) { return getItem(a, key); })
        .def("__setitem__", [](A& a, py::handle key, py::handle value) { setItem(a, key, value); })
        .def_property(
            "value", [](const A& a) { return py::bytes(a.value.get().str()); },
            [](A& a, py::handle v) {
                // ctypes' CharArray_set_value takes bytes only
                if (a.tc == 'c' && !PyBytes_Check(v.ptr()))
                    throw py::type_error(
                        std::string("bytes expected instead of ") + Py_TYPE(v.ptr())->tp_name + " instance");
                a.value.set(toScalar(v));
            })
        .def_property(
            "raw", [](const A& a) { return py::bytes(a.raw.get().str()); },
            [](A& a, py::handle v) {
                if (a.tc != 'c') {
                    a.raw.set(toScalar(v)); // AttributeError, as the attribute does not exist
                    return;
                }
                // ctypes' CharArray_set_raw: any bytes-like object that fits, copied to the start; the bytes
                // after it stay (no NUL is added)
                Py_buffer view;
                if (PyObject_GetBuffer(v.ptr(), &view, PyBUF_SIMPLE) < 0)
                    throw py::error_already_set();
                const std::string data(static_cast<const char*>(view.buf), static_cast<std::size_t>(view.len));
                PyBuffer_Release(&view);
                if (data.size() > a.size())
                    throw py::value_error("byte string too long");
                if (!data.empty())
                    a.set_slice(0, static_cast<std::int64_t>(data.size()), mp::Object(mp::Bytes(data)));
            })
        .def_property_readonly("_typecode", [](const A& a) { return std::string(1, a.tc); })
        .def("__repr__", &A::repr);
}

// `value` is a plain CPython getter and setter (fast_call.h): `v.value += 1` makes two calls to it.
template <typename V> struct ValueAccess {
    static PyObject* get(PyObject* obj, void*)
    {
        try {
            reportLine();
            return readCell(fast::self<V>(obj).value).release().ptr();
        } catch (...) {
            return fast::translate();
        }
    }
    static int set(PyObject* obj, PyObject* x, void*)
    {
        if (!x) {
            if constexpr (std::is_same_v<V, PyRawValue>) // a ctypes getset without a deleter
                PyErr_SetString(PyExc_TypeError, "can't delete attribute");
            else
                PyErr_Format(
                    PyExc_AttributeError, "property 'value' of '%s' object has no deleter", _PyType_Name(Py_TYPE(obj)));
            return -1;
        }
        try {
            reportLine();
            V& v = fast::self<V>(obj);
            v.value.set(cellValue(v.tc, x));
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
    cls.def_property_readonly("_typecode", [](const V& v) { return std::string(1, v.tc); });
    cls.def("__repr__", &V::repr);
}

// get_lock() is a plain CPython method too (a program may call it in its loop: `with v.get_lock():`), and so
// are the lock methods (fast_lock.h). It returns the lock object the wrapper was given (`_lock`, set by
// sharedctypes.py, as CPython's SynchronizedBase keeps it), the same object every time; made from the
// engine's lock (and kept) for a wrapper made without one.
template <typename W> PyObject* getLock(PyObject* obj, PyObject*)
{
    try {
        PyObject** dict = _PyObject_GetDictPtr(obj);
        if (dict && *dict) {
            if (PyObject* lock = PyDict_GetItemString(*dict, "_lock")) { // borrowed
                Py_INCREF(lock);
                return lock;
            }
        }
        py::object lock = py::cast(fast::self<W>(obj).get_lock());
        if (PyObject_SetAttrString(obj, "_lock", lock.ptr()) < 0)
            PyErr_Clear();
        return lock.release().ptr();
    } catch (...) {
        return fast::translate();
    }
}

template <typename W, typename Raw, typename C> void defineLockAccess(C& cls)
{
    static PyMethodDef defs[] = {
        { "get_lock", getLock<W>, METH_NOARGS, "get_lock($self, /)\n--\n\n" },
        { nullptr, nullptr, 0, nullptr },
    };
    fast::install(cls, defs);
    fast::installLockMethods<W>(cls);
    cls.def("_engine_obj", [](const W& w) { return Raw(w.get_obj(), w.tc); });
}

} // namespace

void bindSharedctypes(py::module_& m)
{
    py::class_<mp::AnyLock> anyLock(m, "_AnyLock");
    fast::installLockMethods<mp::AnyLock>(anyLock);
    anyLock.def("__repr__", &mp::AnyLock::repr);

    py::class_<PyRawValue> raw(m, "_RawValue", py::dynamic_attr());
    // _RawValue(typecode, args): args is RawValue's *args, () for the zero-filled value.
    raw.def(py::init([](const std::string& tc, const py::tuple& args) {
        const char c = code(tc);
        return PyRawValue(args.empty() ? mp::RawValue(c) : mp::RawValue(c, cellValue(c, args[0])), c);
    }));
    defineValueProperty<PyRawValue>(raw);

    py::class_<PyValue> value(m, "_Value", py::dynamic_attr());
    value.def(py::init([](const std::string& tc, const py::tuple& args, py::handle lock) {
        reportLine();
        const char c = code(tc);
        return PyValue(mp::Value(c, args.empty() ? zeroFor(c) : cellValue(c, args[0]), lockArg(lock)), c);
    }));
    defineValueProperty<PyValue>(value);
    defineLockAccess<PyValue, PyRawValue>(value);
    shareByInheritanceOnly(value, "Synchronized");

    py::class_<PyRawArray> rawArray(m, "_RawArray", py::dynamic_attr());
    rawArray.def(py::init([](const std::string& tc, py::handle init) {
        const char c = code(tc);
        return PyRawArray(mp::RawArray(c, initializer(c, init)), c);
    }));
    defineArrayMethods<PyRawArray>(rawArray);

    py::class_<PyArray> array(m, "_Array", py::dynamic_attr());
    array.def(py::init([](const std::string& tc, py::handle init, py::handle lock) {
        reportLine();
        const char c = code(tc);
        return PyArray(mp::Array(c, initializer(c, init), lockArg(lock)), c);
    }));
    defineArrayMethods<PyArray>(array);
    defineLockAccess<PyArray, PyRawArray>(array);
    shareByInheritanceOnly(array, "SynchronizedArray");
}

} // namespace mpstage::python
