// SPDX-License-Identifier: MIT
// Pipe() and Connection: send() pickles in the caller and writes with the GIL let go, as CPython does.

#include "bridge.h"
#include "fast_call.h"

#include <mp/connection.h>

#include <pybind11/stl.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
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

// CPython checks a Connection is open, then that it goes the right way, and only then looks at the arguments
// (_ConnectionBase._check_closed, _check_readable, _check_writable).
void checkWritable(const mp::Connection& c)
{
    if (c.closed())
        throw mp::OSError("handle is closed");
    if (!c.writable())
        throw mp::OSError("connection is read-only");
}

void checkReadable(const mp::Connection& c)
{
    if (c.closed())
        throw mp::OSError("handle is closed");
    if (!c.readable())
        throw mp::OSError("connection is write-only");
}

py::object& pickleAttr(const char* name)
{
    static auto& pickle = *new py::object(py::module_::import("pickle")); // never freed: used until exit
    return *new py::object(pickle.attr(name));
}

// send() writes pickle.dumps(obj) (protocol 4, as ForkingPickler.dumps) as the message, as CPython does: a
// program that reads it with recv_bytes() gets the pickle, and recv() reads what send_bytes(pickle) wrote.
PyObject* send(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    static const char* const names[] = { "obj" };
    PyObject* item = nargs == 1 && !kwnames ? args[0] : nullptr;
    if (!item && !fast::parseMethod("_ConnectionBase.send", args, nargs, kwnames, names, 1, 1, &item))
        return nullptr;
    try {
        mp::Connection& c = connection(obj);
        checkWritable(c);
        reportLine();
        static py::object& dumps = pickleAttr("dumps");
        const py::bytes pickled = dumps(py::handle(item));
        const std::string_view payload(PyBytes_AS_STRING(pickled.ptr()), PyBytes_GET_SIZE(pickled.ptr()));
        const mp::Object shown = observed() ? wrap(item) : mp::None; // what the stage shows of the message
        Unlocked unlocked;
        c.send_encoded(payload, shown);
    } catch (...) {
        return fast::translate();
    }
    Py_RETURN_NONE;
}

// recv()'s decoder: pickle.loads of the message (in the receiving thread, which takes the GIL back for it).
mp::Object unpickle(std::string_view payload)
{
    py::gil_scoped_acquire gil;
    static py::object& loads = pickleAttr("loads");
    const py::memoryview view = py::memoryview::from_memory(payload.data(), static_cast<py::ssize_t>(payload.size()));
    return wrap(loads(view));
}

PyObject* recv(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    if ((nargs || kwnames) && !fast::parseMethod("_ConnectionBase.recv", args, nargs, kwnames, nullptr, 0, 0, nullptr))
        return nullptr;
    try {
        mp::Connection& c = connection(obj);
        checkReadable(c);
        reportLine();
        mp::Object got;
        {
            Unlocked unlocked;
            got = c.recv_decoded(unpickle);
        }
        return unwrap(got).release().ptr();
    } catch (...) {
        return fast::translate();
    }
}

// An int argument (what has __index__), clamped where CPython's comparisons with a buffer's length give the
// same answers for any bigger value.
std::int64_t integer(PyObject* v)
{
    int overflow = 0;
    const long long n = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (n == -1 && PyErr_Occurred())
        throw py::error_already_set();
    constexpr std::int64_t HUGE_ = std::int64_t(1) << 61;
    if (overflow)
        return overflow > 0 ? HUGE_ : -HUGE_;
    return std::clamp<std::int64_t>(n, -HUGE_, HUGE_);
}

bool isInt(PyObject* v)
{
    return PyIndex_Check(v);
}

// CPython's own checks of offset and size for arguments that are not ints (the comparisons, then the slice),
// which raise what CPython raises (connection.py).
[[noreturn]] void sendBytesArgumentError(std::int64_t n, PyObject* offset, PyObject* size)
{
    static auto& check
        = *new py::object(py::module_::import("mpstage.multiprocessing.connection").attr("_send_bytes_arguments"));
    const py::object offsetArg = offset ? py::reinterpret_borrow<py::object>(offset) : py::int_(0);
    check(n, offsetArg, py::handle(size ? size : Py_None));
    throw py::type_error("slice indices must be integers or None or have an __index__ method");
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
        if (!PyBuffer_IsContiguous(&m_view, 'C')) { // a strided view: its bytes gathered in order
            if (m_view.itemsize > 1) { // CPython's m.cast('B') refuses it
                PyBuffer_Release(&m_view);
                throw py::type_error("memoryview: casts are restricted to C-contiguous views");
            }
            m_copy.resize(static_cast<std::size_t>(m_view.len));
            if (PyBuffer_ToContiguous(m_copy.data(), &m_view, m_view.len, 'C') != 0) {
                PyBuffer_Release(&m_view);
                throw py::error_already_set();
            }
            m_strided = true;
        }
    }
    ~Readable() { PyBuffer_Release(&m_view); }
    Readable(const Readable&) = delete;
    Readable& operator=(const Readable&) = delete;
    std::string_view bytes() const
    {
        if (m_strided)
            return m_copy;
        return { static_cast<const char*>(m_view.buf), static_cast<std::size_t>(m_view.len) };
    }
    bool strided() const { return m_strided; }

private:
    Py_buffer m_view {};
    std::string m_copy;
    bool m_strided = false;
};

PyObject* sendBytes(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    static const char* const names[] = { "buf", "offset", "size" };
    PyObject* given[3];
    if (!fast::parseMethod("_ConnectionBase.send_bytes", args, nargs, kwnames, names, 3, 1, given))
        return nullptr;
    try {
        mp::Connection& c = connection(obj);
        checkWritable(c);
        reportLine();
        const Readable buf(given[0]);
        PyObject* const sizeArg = given[2] && given[2] != Py_None ? given[2] : nullptr;
        const auto n = static_cast<std::int64_t>(buf.bytes().size());
        if ((given[1] && !isInt(given[1])) || (sizeArg && !isInt(sizeArg)))
            sendBytesArgumentError(n, given[1], sizeArg);
        const std::int64_t offset = given[1] ? integer(given[1]) : 0;
        std::optional<std::int64_t> size;
        if (sizeArg)
            size = integer(sizeArg);
        if (buf.strided() && offset >= 0 && offset <= n && (!size || (*size >= 0 && offset + *size <= n))
            && size.value_or(n - offset) != 1) {
            // the arguments pass CPython's checks, and then its `header + m[offset:offset + size]` refuses a
            // strided slice unless it holds exactly one byte
            throw py::type_error("can't concat memoryview to bytes");
        }
        Unlocked unlocked;
        c.send_bytes(buf.bytes(), offset, size);
    } catch (...) {
        return fast::translate();
    }
    Py_RETURN_NONE;
}

// recv_bytes' maxlength as CPython compares it with a message's length: ints as they are, anything else
// through `maxlength < 0` (which raises for what cannot be compared) and then as a float, whose floor
// refuses the same lengths.
std::optional<std::int64_t> maxLength(PyObject* v)
{
    if (!v || v == Py_None)
        return std::nullopt;
    if (isInt(v))
        return integer(v);
    const py::int_ zero(0);
    const int negative = PyObject_RichCompareBool(v, zero.ptr(), Py_LT);
    if (negative < 0)
        throw py::error_already_set();
    if (negative)
        return -1;
    const double d = PyFloat_AsDouble(v);
    if (d == -1.0 && PyErr_Occurred())
        throw py::error_already_set();
    if (!(d < 9.0e18)) // inf or nan: no message is longer
        return std::nullopt;
    return static_cast<std::int64_t>(std::floor(d));
}

PyObject* recvBytes(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    static const char* const names[] = { "maxlength" };
    PyObject* given[1];
    if (!fast::parseMethod("_ConnectionBase.recv_bytes", args, nargs, kwnames, names, 1, 0, given))
        return nullptr;
    try {
        mp::Connection& c = connection(obj);
        checkReadable(c);
        const std::optional<std::int64_t> maxlength = maxLength(given[0]);
        reportLine();
        // A big message is read straight into the bytes object it becomes (made once its length is known, with
        // the GIL taken back for that moment), as CPython's os.read() fills its own bytes: no zero-filled buffer,
        // no second copy. A small one comes back as a string: taking the GIL back would cost more than the copy.
        constexpr std::uint64_t LARGE = 64 * 1024;
        PyObject* placed = nullptr;
        std::string small;
        const mp::PayloadPlace place { .large = LARGE,
            .place =
                [](void* context, std::uint64_t n) {
                    const py::gil_scoped_acquire gil;
                    auto** out = static_cast<PyObject**>(context);
                    *out = PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(n));
                    if (!*out)
                        throw std::bad_alloc();
                    return PyBytes_AS_STRING(*out);
                },
            .context = &placed };
        bool wasPlaced = false;
        try {
            Unlocked unlocked;
            wasPlaced = c.recv_bytes_placed(maxlength, place, small);
        } catch (...) {
            Py_XDECREF(placed); // the message never arrived whole
            throw;
        }
        if (wasPlaced)
            return placed;
        return PyBytes_FromStringAndSize(small.data(), static_cast<Py_ssize_t>(small.size()));
    } catch (...) {
        return fast::translate();
    }
}

// poll(timeout=0.0): CPython's wait([self], timeout) starts with time.monotonic() + timeout, which is where
// a timeout that is not a number fails.
PyObject* poll(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    static const char* const names[] = { "timeout" };
    PyObject* given[1];
    if (!fast::parseMethod("_ConnectionBase.poll", args, nargs, kwnames, names, 1, 0, given))
        return nullptr;
    try {
        mp::Connection& c = connection(obj);
        checkReadable(c);
        mp::Timeout timeout = 0.0;
        if (given[0] == Py_None) {
            timeout = std::nullopt;
        } else if (given[0]) {
            const py::float_ now(0.0);
            const py::object sum = py::reinterpret_steal<py::object>(PyNumber_Add(now.ptr(), given[0]));
            if (!sum)
                throw py::error_already_set();
            timeout = fast::optionalSeconds(sum.ptr());
        }
        reportLine();
        bool ready = false;
        {
            Unlocked unlocked;
            ready = c.poll(timeout);
        }
        return PyBool_FromLong(ready);
    } catch (...) {
        return fast::translate();
    }
}

PyMethodDef g_methods[] = {
    { "send", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(send)), METH_FASTCALL | METH_KEYWORDS,
        "send($self, /, obj)\n--\n\nSend a (picklable) object" },
    { "recv", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(recv)), METH_FASTCALL | METH_KEYWORDS,
        "recv($self, /)\n--\n\nReceive a (picklable) object" },
    { "send_bytes", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sendBytes)),
        METH_FASTCALL | METH_KEYWORDS, "send_bytes($self, /, buf, offset=0, size=None)\n--\n\n" },
    { "recv_bytes", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(recvBytes)),
        METH_FASTCALL | METH_KEYWORDS, "recv_bytes($self, /, maxlength=None)\n--\n\n" },
    { "poll", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(poll)), METH_FASTCALL | METH_KEYWORDS,
        "poll($self, /, timeout=0.0)\n--\n\n" },
    { nullptr, nullptr, 0, nullptr },
};

// Connection(handle, readable=True, writable=True) over a descriptor the program opened, with CPython's checks
// (_ConnectionBase.__init__); the Connection owns the descriptor from then on.
mp::Connection fromHandle(const py::object& handle, const py::object& readable, const py::object& writable)
{
    const py::object index = handle.attr("__index__")();
    const long long fd = index.cast<long long>();
    if (fd < 0)
        throw py::value_error("invalid handle");
    const bool r = py::bool_(readable);
    const bool w = py::bool_(writable);
    if (!r && !w)
        throw py::value_error("at least one of `readable` and `writable` must be True");
    if (fd > std::numeric_limits<int>::max())
        throw mp::OSError(EBADF, std::strerror(EBADF));
    return mp::Connection(static_cast<int>(fd), r, w);
}

} // namespace

void bindConnection(py::module_& m)
{
    py::class_<mp::Connection> conn(m, "Connection");
    conn.def(py::init(&fromHandle), py::arg("handle"), py::arg("readable") = true, py::arg("writable") = true);
    fast::install(conn, g_methods);
    // recv_bytes_into is connection.py's: CPython's arithmetic on the buffer's items, in Python.
    conn.def("fileno", &mp::Connection::fileno)
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
