// SPDX-License-Identifier: MIT
// multiprocessing.shared_memory.SharedMemory: buf is a memoryview on the engine's mapping.

#include "bridge.h"

#include <mp/shared_memory.h>

#include <pybind11/stl.h>

#include <optional>

namespace mpstage::python {

void bindSharedMemory(py::module_& m)
{
    py::class_<mp::SharedMemory> shm(m, "SharedMemory");
    shm.def(py::init([](std::optional<std::string> name, bool create, std::int64_t size) {
           reportLine();
           return mp::SharedMemory(std::move(name), create, size);
       }),
           py::arg("name") = py::none(), py::arg("create") = false, py::arg("size") = 0)
        .def_property_readonly("name", &mp::SharedMemory::name)
        .def_property_readonly("size", &mp::SharedMemory::size)
        .def_property_readonly("buf",
            [](const mp::SharedMemory& s) -> py::object {
                const auto span = s.buf();
                if (span.empty() && s.size() != 0)
                    return py::none();
                return py::memoryview::from_memory(static_cast<void*>(span.data()), static_cast<ssize_t>(span.size()));
            })
        .def("close", &mp::SharedMemory::close)
        .def("unlink", &mp::SharedMemory::unlink)
        .def("__repr__", &mp::SharedMemory::repr);
    shm.attr("__module__") = "multiprocessing.shared_memory";
    // Pickles as (name, False, size) and attaches by name where it is unpickled.
    shm.def("__reduce__", [](py::object self) {
        return py::make_tuple(self.get_type(), py::make_tuple(self.attr("name"), false, self.attr("size")));
    });
}

} // namespace mpstage::python
