// SPDX-License-Identifier: MIT
// Pipe() and Connection: send() pickles in the caller and writes with the GIL let go, as CPython does.

#include "bridge.h"

#include <mp/connection.h>

#include <pybind11/stl.h>

#include <optional>

namespace mpstage::python {

namespace {

py::buffer_info readable(const py::buffer& buf)
{
    py::buffer_info info = buf.request();
    return info;
}

} // namespace

void bindConnection(py::module_& m)
{
    py::class_<mp::Connection> conn(m, "Connection");
    conn.def("send",
            [](mp::Connection& c, py::handle obj) {
                reportLine();
                mp::Object item = wrapPickled(obj);
                Unlocked unlocked;
                c.send(item);
            })
        .def("recv",
            [](mp::Connection& c) {
                reportLine();
                mp::Object obj;
                {
                    Unlocked unlocked;
                    obj = c.recv();
                }
                return unwrap(obj);
            })
        .def(
            "send_bytes",
            [](mp::Connection& c, const py::buffer& buf, std::int64_t offset, std::optional<std::int64_t> size) {
                reportLine();
                py::buffer_info info = readable(buf);
                const std::string_view bytes(
                    static_cast<const char*>(info.ptr), static_cast<std::size_t>(info.size * info.itemsize));
                Unlocked unlocked;
                c.send_bytes(bytes, offset, size);
            },
            py::arg("buf"), py::arg("offset") = 0, py::arg("size") = py::none())
        .def(
            "recv_bytes",
            [](mp::Connection& c, std::optional<std::int64_t> maxlength) {
                reportLine();
                mp::Bytes b;
                {
                    Unlocked unlocked;
                    b = c.recv_bytes(maxlength);
                }
                return py::bytes(b.data);
            },
            py::arg("maxlength") = py::none())
        .def(
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
