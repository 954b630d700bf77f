// SPDX-License-Identifier: MIT
#include "fast_call.h"

#include <cstring>

namespace mpstage::python::fast {

PyObject* translate()
{
    try {
        throw;
    } catch (py::error_already_set& e) {
        e.restore();
#ifdef __GLIBCXX__
    } catch (abi::__forced_unwind&) {
        throw; // thread cancellation must unwind on
#endif
    } catch (...) {
        // pybind11's dispatcher does the same: module-local translators, then the global ones (which hold the
        // module's mp::Error translator and pybind11's own for std:: exceptions).
        if (!py::detail::apply_exception_translators(py::detail::get_local_internals().registered_exception_translators)
            && !py::detail::apply_exception_translators(py::detail::get_internals().registered_exception_translators))
            PyErr_SetString(PyExc_SystemError, "Exception escaped from default exception translator!");
    }
    return nullptr;
}

namespace {

// The positional arguments, then the keywords matched to names; `function` names the callee in the errors.
bool matchArguments(const char* function, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
    const char* const* names, int count, PyObject** out)
{
    for (int i = 0; i < count; ++i)
        out[i] = i < nargs ? args[i] : nullptr;
    const Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        const char* key = PyUnicode_AsUTF8(PyTuple_GET_ITEM(kwnames, k));
        if (!key)
            return false;
        int i = 0;
        while (i < count && std::strcmp(names[i], key) != 0)
            ++i;
        if (i == count) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%s'", function, key);
            return false;
        }
        if (out[i]) {
            PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", function, key);
            return false;
        }
        out[i] = args[nargs + k];
    }
    return true;
}

} // namespace

bool parse(const char* function, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, const char* const* names,
    int count, PyObject** out)
{
    if (nargs > count) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d arguments (%zd given)", function, count, nargs);
        return false;
    }
    return matchArguments(function, args, nargs, kwnames, names, count, out);
}

bool parseMethod(const char* qualname, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
    const char* const* names, int count, int required, PyObject** out)
{
    if (nargs > count) {
        if (required == count)
            PyErr_Format(PyExc_TypeError, "%s() takes %d positional argument%s but %zd were given", qualname, count + 1,
                count == 0 ? "" : "s", nargs + 1);
        else
            PyErr_Format(PyExc_TypeError, "%s() takes from %d to %d positional arguments but %zd were given", qualname,
                required + 1, count + 1, nargs + 1);
        return false;
    }
    if (!matchArguments(qualname, args, nargs, kwnames, names, count, out))
        return false;
    for (int i = 0; i < required; ++i) // the methods bound this way have at most one required parameter
        if (!out[i]) {
            PyErr_Format(PyExc_TypeError, "%s() missing 1 required positional argument: '%s'", qualname, names[i]);
            return false;
        }
    return true;
}

std::optional<double> optionalSeconds(PyObject* obj)
{
    if (!obj || obj == Py_None)
        return std::nullopt;
    const double seconds = PyFloat_AsDouble(obj);
    if (seconds == -1.0 && PyErr_Occurred())
        throw py::error_already_set();
    return seconds;
}

void install(py::handle cls, PyMethodDef* methods, PyGetSetDef* getsets)
{
    auto* type = reinterpret_cast<PyTypeObject*>(cls.ptr());
    auto put = [&](const char* name, PyObject* descriptor) {
        if (!descriptor)
            throw py::error_already_set();
        cls.attr(name) = py::reinterpret_steal<py::object>(descriptor);
    };
    for (PyMethodDef* m = methods; m && m->ml_name; ++m)
        put(m->ml_name, PyDescr_NewMethod(type, m));
    for (PyGetSetDef* g = getsets; g && g->name; ++g)
        put(g->name, PyDescr_NewGetSet(type, g));
}

} // namespace mpstage::python::fast
