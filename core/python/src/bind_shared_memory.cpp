// SPDX-License-Identifier: MIT
// multiprocessing.shared_memory.SharedMemory: buf is a memoryview on the engine's mapping, exported by a small
// object that counts its exports as CPython's mmap does, so close() can refuse (BufferError) while a slice of
// buf still points into the mapping instead of unmapping it under the slice.

#include "bridge.h"

#include <mp/shared_memory.h>

#include <pybind11/stl.h>

#include <fstream>
#include <optional>
#include <string>

namespace mpstage::python {

namespace {

// buf's memoryview is taken from this; it holds a copy of the block's handle, so the mapping stays while a
// view of it lives (as a memoryview keeps CPython's mmap object), whatever became of the SharedMemory.
struct MappingExporter {
    PyObject_HEAD void* data;
    Py_ssize_t size;
    Py_ssize_t exports;
    mp::SharedMemory* handle;
};

void exporterDealloc(PyObject* self)
{
    auto* e = reinterpret_cast<MappingExporter*>(self);
    delete e->handle;
    PyTypeObject* type = Py_TYPE(self);
    type->tp_free(self);
    Py_DECREF(type); // an instance of a heap type holds a reference to it
}

int exporterGetBuffer(PyObject* self, Py_buffer* view, int flags)
{
    auto* e = reinterpret_cast<MappingExporter*>(self);
    if (PyBuffer_FillInfo(view, self, e->data, e->size, 0, flags) < 0)
        return -1;
    ++e->exports;
    return 0;
}

void exporterReleaseBuffer(PyObject* self, Py_buffer*)
{
    --reinterpret_cast<MappingExporter*>(self)->exports;
}

PyObject* exporterExports(PyObject* self, void*)
{
    return PyLong_FromSsize_t(reinterpret_cast<MappingExporter*>(self)->exports);
}

PyGetSetDef exporterGetSets[] = {
    { "exports", exporterExports, nullptr, "buffers exported and not yet released", nullptr },
    { nullptr, nullptr, nullptr, nullptr, nullptr },
};

PyType_Slot exporterSlots[] = {
    { Py_bf_getbuffer, reinterpret_cast<void*>(exporterGetBuffer) },
    { Py_bf_releasebuffer, reinterpret_cast<void*>(exporterReleaseBuffer) },
    { Py_tp_getset, exporterGetSets },
    { Py_tp_dealloc, reinterpret_cast<void*>(exporterDealloc) },
    { 0, nullptr },
};

PyType_Spec exporterSpec
    = { "_mpstage._MappingExporter", sizeof(MappingExporter), 0, Py_TPFLAGS_DEFAULT, exporterSlots };

// CPython's tracker warns about forgotten blocks through the warnings module, which prints
// "<file>:<line>: UserWarning: <message>" and then the source line; the engine is told to print the same.
void useCPythonsLeakWarning()
{
    std::string os;
    try {
        os = py::str(py::module_::import("os").attr("__file__"));
    } catch (const py::error_already_set&) {
        return;
    }
    const std::string path = os.substr(0, os.rfind('/') + 1) + "multiprocessing/resource_tracker.py";
    std::ifstream in(path);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (line.find("warnings.warn('resource_tracker: There appear to be %d '") == std::string::npos)
            continue;
        const std::size_t first = line.find_first_not_of(" \t");
        mp::set_shared_memory_leak_warning(
            path + ":" + std::to_string(number) + ": UserWarning: ", "\n  " + line.substr(first));
        return;
    }
}

} // namespace

void bindSharedMemory(py::module_& m)
{
    useCPythonsLeakWarning();
    PyObject* exporterType = PyType_FromSpec(&exporterSpec);
    if (exporterType == nullptr)
        throw py::error_already_set();
    m.add_object("_MappingExporter", py::reinterpret_steal<py::object>(exporterType));

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
        // The object buf's memoryview is taken from (shared_memory.py keeps one and counts on its exports).
        .def_property_readonly("_exporter",
            [](const mp::SharedMemory& s) -> py::object {
                const auto span = s.buf();
                if (span.empty() && s.size() != 0)
                    return py::none();
                py::object type = py::module_::import("_mpstage").attr("_MappingExporter");
                auto* e = PyObject_New(MappingExporter, reinterpret_cast<PyTypeObject*>(type.ptr()));
                if (e == nullptr)
                    throw py::error_already_set();
                e->handle = nullptr;
                py::object owned = py::reinterpret_steal<py::object>(reinterpret_cast<PyObject*>(e));
                e->data = static_cast<void*>(span.data());
                e->size = static_cast<Py_ssize_t>(span.size());
                e->exports = 0;
                e->handle = new mp::SharedMemory(s);
                return owned;
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
