// SPDX-License-Identifier: MIT
// Pipe() and Connection: send() pickles in the caller and writes with the GIL let go, as CPython does.

#include "bridge.h"
#include "fast_call.h"

#include <mp/connection.h>

#include <pybind11/stl.h>

#include <optional>

namespace mpstage::python {

namespace {

// send, recv, send_bytes and recv_bytes are plain CPython methods (fast_call.h): a program calls them once a
// message, and pybind11's dispatch (its casters for the buffer and the optional arguments most of all) cost
// as much as the engine's own work for a small message. Each does what the pybind11 binding did.
mp::Connection& connection(PyObject* obj)
{
    return fast::self<mp::Connection>(obj);
}

PyObject* send(PyObject* obj, PyObject* item)
{
    try {
        mp::Connection& c = connection(obj);
        reportLine();
        const mp::Object wrapped = wrapPickled(item);
        Unlocked unlocked;
        c.send(wrapped);
    } catch (...) {
        return fast::translate();
    }
    Py_RETURN_NONE;
}

PyObject* recv(PyObject* obj, PyObject*)
{
    try {
        mp::Connection& c = connection(obj);
        reportLine();
        mp::Object got;
        {
            Unlocked unlocked;
            got = c.recv();
        }
        return unwrap(got).release().ptr();
    } catch (...) {
        return fast::translate();
    }
}

// An int argument (pybind11's int64 caster accepted what has __index__, as this does).
std::int64_t integer(PyObject* v)
{
    const long long n = PyLong_AsLongLong(v);
    if (n == -1 && PyErr_Occurred())
        throw py::error_already_set();
    return n;
}

// The buffer a send_bytes() argument exports, released when done (the flags pybind11's py::buffer asked for).
class Readable {
public:
    explicit Readable(PyObject* obj)
    {
        if (!PyObject_CheckBuffer(obj)) { // CPython's send_bytes() takes memoryview(buf), and says so
            PyErr_Format(
                PyExc_TypeError, "memoryview: a bytes-like object is required, not '%.200s'", Py_TYPE(obj)->tp_name);
            throw py::error_already_set();
        }
        if (PyObject_GetBuffer(obj, &m_view, PyBUF_STRIDES | PyBUF_FORMAT) != 0)
            throw py::error_already_set();
    }
    ~Readable() { PyBuffer_Release(&m_view); }
    Readable(const Readable&) = delete;
    Readable& operator=(const Readable&) = delete;
    std::string_view bytes() const
    {
        return { static_cast<const char*>(m_view.buf), static_cast<std::size_t>(m_view.len) };
    }

private:
    Py_buffer m_view {};
};

PyObject* sendBytes(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    static const char* const names[] = { "buf", "offset", "size" };
    PyObject* given[3];
    if (!fast::parse("send_bytes", args, nargs, kwnames, names, 3, given))
        return nullptr;
    if (!given[0]) {
        PyErr_SetString(PyExc_TypeError, "send_bytes() missing required argument 'buf' (pos 1)");
        return nullptr;
    }
    try {
        mp::Connection& c = connection(obj);
        const std::int64_t offset = given[1] ? integer(given[1]) : 0;
        std::optional<std::int64_t> size;
        if (given[2] && given[2] != Py_None)
            size = integer(given[2]);
        reportLine();
        const Readable buf(given[0]);
        Unlocked unlocked;
        c.send_bytes(buf.bytes(), offset, size);
    } catch (...) {
        return fast::translate();
    }
    Py_RETURN_NONE;
}

PyObject* recvBytes(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    static const char* const names[] = { "maxlength" };
    PyObject* given[1];
    if (!fast::parse("recv_bytes", args, nargs, kwnames, names, 1, given))
        return nullptr;
    try {
        mp::Connection& c = connection(obj);
        std::optional<std::int64_t> maxlength;
        if (given[0] && given[0] != Py_None)
            maxlength = integer(given[0]);
        reportLine();
        mp::Bytes b;
        {
            Unlocked unlocked;
            b = c.recv_bytes(maxlength);
        }
        return PyBytes_FromStringAndSize(b.data.data(), static_cast<Py_ssize_t>(b.data.size()));
    } catch (...) {
        return fast::translate();
    }
}

PyMethodDef g_methods[] = {
    { "send", send, METH_O, "send($self, obj, /)\n--\n\n" },
    { "recv", recv, METH_NOARGS, "recv($self, /)\n--\n\n" },
    { "send_bytes", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sendBytes)),
        METH_FASTCALL | METH_KEYWORDS, "send_bytes($self, /, buf, offset=0, size=None)\n--\n\n" },
    { "recv_bytes", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(recvBytes)),
        METH_FASTCALL | METH_KEYWORDS, "recv_bytes($self, /, maxlength=None)\n--\n\n" },
    { nullptr, nullptr, 0, nullptr },
};

} // namespace

void bindConnection(py::module_& m)
{
    py::class_<mp::Connection> conn(m, "Connection");
    fast::install(conn, g_methods);
    conn.def(
            "recv_bytes_into",
            [](mp::Connection& c, const py::buffer& buf, std::int64_t offset) {
                reportLine();
                py::buffer_info info = buf.request(true);
                std::span<std::byte> target(
                    static_cast<std::byte*>(info.ptr), static_cast<std::size_t>(info.size * info.itemsize));
                Unlocked unlocked;
                return c.recv_bytes_into(target, offset);
            },
            py::arg("buf"), py::arg("offset") = 0)
        .def(
            "poll",
            [](mp::Connection& c, std::optional<double> timeout) {
                reportLine();
                Unlocked unlocked;
                return c.poll(timeout);
            },
            py::arg("timeout") = 0.0)
        .def("fileno", &mp::Connection::fileno)
        .def("close",
            [](mp::Connection& c) {
                reportLine();
                c.close();
            })
        .def_property_readonly("closed", &mp::Connection::closed)
        .def_property_readonly("readable", &mp::Connection::readable)
        .def_property_readonly("writable", &mp::Connection::writable)
        .def("__enter__", [](py::object self) { return self; })
        .def("__exit__", [](mp::Connection& c, py::args) { c.close(); });
    conn.attr("__module__") = "multiprocessing.connection";

    m.def(
        "Pipe",
        [](bool duplex) {
            reportLine();
            auto [a, b] = mp::Pipe(duplex);
            return py::make_tuple(std::move(a), std::move(b));
        },
        py::arg("duplex") = true);
}

} // namespace mpstage::python
