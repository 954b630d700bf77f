// SPDX-License-Identifier: MIT
#include "bridge.h"

#include <mp/connection.h>
#include <mp/embedding.h>
#include <mp/errors.h>
#include <mp/telemetry/session.h>

#include "actor/probe.h"

#include <atomic>
#include <chrono>
#include <cstring>
#include <frameobject.h>
#include <pthread.h>
#include <thread>
#include <utility>

namespace mpstage::python {

namespace {

// Engine threads (a queue's feeder, the last holder of an item) take the GIL to touch Python objects. A thread
// that asks for it once the interpreter finalizes is ended by pthread_exit, which inside a destructor is
// std::terminate. So the exit function closes Python to them (closePythonToEngineThreads): it waits, with the
// GIL let go, for those already inside, and from then on they leave Python alone: a reference they still
// hold is leaked, and a pickle they were to make waits for the process to end, as CPython's daemon feeder is
// frozen at exit.
std::atomic<bool> g_pythonClosed { false };
std::atomic<int> g_threadsInPython { 0 };
// A forked child has only the thread that forked: those the parent had inside Python are not in it.
[[maybe_unused]] const int g_countResetInChild = pthread_atfork(nullptr, nullptr, [] { g_threadsInPython.store(0); });

class EngineGil {
public:
    EngineGil()
        : m_alreadyHeld(PyGILState_Check() != 0)
    {
        if (m_alreadyHeld)
            return;
        g_threadsInPython.fetch_add(1);
        if (g_pythonClosed.load()) {
            g_threadsInPython.fetch_sub(1);
            return;
        }
        m_state = PyGILState_Ensure();
        m_taken = true;
    }
    ~EngineGil()
    {
        if (!m_taken)
            return;
        PyGILState_Release(m_state);
        g_threadsInPython.fetch_sub(1);
    }
    EngineGil(const EngineGil&) = delete;
    EngineGil& operator=(const EngineGil&) = delete;
    bool held() const { return m_alreadyHeld || m_taken; }

private:
    bool m_alreadyHeld;
    bool m_taken = false;
    PyGILState_STATE m_state {};
};

[[noreturn]] void waitForTheProcessToEnd()
{
    for (;;)
        std::this_thread::sleep_for(std::chrono::hours(1));
}

// The Python object a Foreign value holds. Every touch of it takes the GIL: the feeder thread that pickles
// it and the thread that drops the last reference need not hold it.
class PyForeign final : public mp::Foreign {
public:
    PyForeign(py::handle obj, bool pickleNow, py::handle onError = py::handle())
        : m_obj(obj.ptr())
        , m_onError(onError.ptr())
    {
        Py_INCREF(m_obj);
        Py_XINCREF(m_onError);
        if (pickleNow)
            m_pickled = dumps(obj);
        m_ready = pickleNow;
    }
    ~PyForeign() override
    {
        if (!Py_IsInitialized() || _Py_IsFinalizing())
            return; // the interpreter is gone: nothing left to free it into
        const EngineGil gil;
        if (!gil.held())
            return; // the exit function has run: leaked, the process is ending
        Py_DECREF(m_obj);
        Py_XDECREF(m_onError);
        Py_XDECREF(m_error);
    }
    std::string pickle() const override
    {
        if (m_ready)
            return m_pickled;
        const EngineGil gil;
        if (!gil.held())
            waitForTheProcessToEnd();
        std::string out;
        try {
            out = dumps(m_obj);
        } catch (py::error_already_set& e) {
            if (m_onError) {
                // Queue._feed's `onerror(e, obj)`, called by the feeder once it has given the item's slot
                // back: the queue's _on_queue_feeder_error (by default traceback.print_exc()) reports it.
                if (e.trace())
                    PyException_SetTraceback(e.value().ptr(), e.trace().ptr());
                Py_XDECREF(m_error);
                m_error = e.value().inc_ref().ptr();
                e.restore();
                PyErr_Clear();
                throw mp::ReportedLater([this] { reportPickleError(); });
            }
            // The feeder reports it as CPython's does (Queue._on_queue_feeder_error) and drops the item.
            // the class as a traceback names it (traceback.TracebackException.format_exception_only)
            std::string type = py::str(e.type().attr("__qualname__"));
            const py::object module = e.type().attr("__module__");
            if (!py::isinstance<py::str>(module))
                type = "<unknown>." + type;
            else if (const std::string m = py::str(module); m != "builtins" && m != "__main__")
                type = m + "." + type;
            const std::string message = py::str(e.value());
            e.restore();
            PyErr_Clear();
            throw FeederError(type, message);
        }
        return out;
    }
    std::string repr() const override
    {
        const EngineGil gil;
        if (!gil.held())
            return std::string("<") + Py_TYPE(m_obj)->tp_name + " object>";
        std::string out;
        try {
            out = py::repr(m_obj);
        } catch (py::error_already_set&) {
            out = std::string("<") + Py_TYPE(m_obj)->tp_name + " object>";
        }
        return out;
    }
    const char* type_name() const noexcept override { return Py_TYPE(m_obj)->tp_name; }
    PyObject* object() const { return m_obj; }

private:
    // The feeder thread, after pickle() raised ReportedLater and the item's slot was given back.
    void reportPickleError() const
    {
        const EngineGil gil;
        if (!gil.held())
            return; // the exit function has run: nothing may call into Python now
        PyObject* error = std::exchange(m_error, nullptr);
        try {
            static auto& report = *new py::object( // never freed: used until exit
                py::module_::import("mpstage.multiprocessing.queues").attr("_feeder_error"));
            report(py::handle(m_onError), py::handle(error), py::handle(m_obj));
        } catch (py::error_already_set& failed) {
            failed.discard_as_unraisable("the queue's _on_queue_feeder_error");
        }
        Py_XDECREF(error);
    }

    class FeederError : public mp::Error {
    public:
        FeederError(std::string type, const std::string& message)
            : mp::Error(message)
            , m_type(std::move(type))
        {
        }
        const char* type_name() const noexcept override { return m_type.c_str(); }

    private:
        std::string m_type;
    };

    static std::string dumps(py::handle obj)
    {
        static auto& pickleDumps
            = *new py::object(py::module_::import("pickle").attr("dumps")); // never freed: used until exit
        const py::bytes data = pickleDumps(obj);
        return std::string(data);
    }

    mutable PyObject* m_error = nullptr; // the pickling error the feeder reports (reportPickleError)
    PyObject* m_obj;
    PyObject* m_onError; // called when pickling fails, or null: the engine reports it
    std::string m_pickled;
    bool m_ready = false;
};

mp::Object decodeForeign(std::string_view pickled)
{
    const PyGILState_STATE gil = PyGILState_Ensure();
    try {
        static auto& pickleLoads
            = *new py::object(py::module_::import("pickle").attr("loads")); // never freed: used until exit
        py::object obj = pickleLoads(py::bytes(pickled.data(), pickled.size()));
        mp::Object out(std::make_shared<PyForeign>(obj, false));
        PyGILState_Release(gil);
        return out;
    } catch (...) {
        PyGILState_Release(gil);
        throw; // an unpickling error reaches the caller as the Python exception it is
    }
}

void* beforeWait()
{
    if (!Py_IsInitialized() || _Py_IsFinalizing() || !PyGILState_Check())
        return nullptr;
    return PyEval_SaveThread();
}

void afterWait(void* state)
{
    if (state)
        PyEval_RestoreThread(static_cast<PyThreadState*>(state));
}

py::object pythonClass(const char* module, const char* name)
{
    return py::module_::import(module).attr(name);
}

void setPythonError(const mp::Error& e)
{
    const std::string type = e.type_name();
    const char* what = e.what();
    auto set = [&](PyObject* cls) {
        if (*what)
            PyErr_SetString(cls, what);
        else
            PyErr_SetNone(cls);
    };
    if (type == "Empty" || type == "Full") {
        set(pythonClass("queue", type.c_str()).ptr());
    } else if (type == "BrokenBarrierError") {
        set(pythonClass("threading", "BrokenBarrierError").ptr());
    } else if (type == "BufferTooShort") {
        const auto& b = static_cast<const mp::BufferTooShort&>(e).message();
        PyErr_SetObject(pythonClass("mpstage._errors", "BufferTooShort").ptr(), py::bytes(b.str()).ptr());
    } else if (type == "ProcessError") {
        set(pythonClass("mpstage._errors", "ProcessError").ptr());
    } else if (type == "UnpicklingError") {
        set(pythonClass("pickle", "UnpicklingError").ptr());
    } else if (const auto* os = dynamic_cast<const mp::OSError*>(&e); os && os->errnum() != 0) {
        py::tuple args = os->filename().empty()
            ? py::make_tuple(os->errnum(), std::strerror(os->errnum()))
            : py::make_tuple(os->errnum(), std::strerror(os->errnum()), os->filename());
        PyErr_SetObject(PyExc_OSError, args.ptr()); // Python picks the subclass from errno
    } else {
        static const std::pair<const char*, PyObject*> builtins[] = { { "ValueError", PyExc_ValueError },
            { "TypeError", PyExc_TypeError }, { "IndexError", PyExc_IndexError },
            { "AttributeError", PyExc_AttributeError }, { "OverflowError", PyExc_OverflowError },
            { "AssertionError", PyExc_AssertionError }, { "EOFError", PyExc_EOFError },
            { "RuntimeError", PyExc_RuntimeError }, { "RecursionError", PyExc_RecursionError },
            { "UnicodeEncodeError", PyExc_ValueError }, { "TimeoutError", PyExc_TimeoutError },
            { "FileNotFoundError", PyExc_FileNotFoundError }, { "FileExistsError", PyExc_FileExistsError },
            { "BrokenPipeError", PyExc_BrokenPipeError }, { "OSError", PyExc_OSError } };
        PyObject* cls = PyExc_Exception;
        for (const auto& [name, pycls] : builtins)
            if (type == name)
                cls = pycls;
        set(cls);
    }
}

std::string g_program; // the file whose lines the stage shows (set by the runner)
thread_local int t_lastLine = -1;

} // namespace

mp::Object wrap(py::handle obj, py::handle onPickleError)
{
    return mp::Object(std::make_shared<PyForeign>(obj, false, onPickleError));
}
mp::Object wrapPickled(py::handle obj)
{
    return mp::Object(std::make_shared<PyForeign>(obj, true));
}

py::object unwrap(const mp::Object& obj)
{
    if (obj.is_foreign()) {
        if (const auto* f = dynamic_cast<const PyForeign*>(obj.as_foreign().get()))
            return py::reinterpret_borrow<py::object>(f->object());
        static auto& pickleLoads
            = *new py::object(py::module_::import("pickle").attr("loads")); // never freed: used until exit
        const std::string data = obj.as_foreign()->pickle();
        return pickleLoads(py::bytes(data));
    }
    if (obj.is_list() || obj.is_tuple()) {
        const auto& items = obj.is_list() ? static_cast<const std::vector<mp::Object>&>(obj.as_list())
                                          : static_cast<const std::vector<mp::Object>&>(obj.as_tuple());
        py::list out;
        for (const auto& item : items)
            out.append(unwrap(item));
        return obj.is_list() ? py::object(out) : py::object(py::tuple(out));
    }
    if (obj.is_dict()) {
        py::dict out;
        for (const auto& [k, v] : obj.as_dict())
            out[py::str(k)] = unwrap(v);
        return out;
    }
    return fromScalar(obj);
}

mp::Object toScalar(py::handle obj)
{
    if (obj.is_none())
        return mp::None;
    if (PyBool_Check(obj.ptr()))
        return mp::Object(obj.ptr() == Py_True);
    if (PyLong_Check(obj.ptr())) {
        int overflow = 0;
        const long long v = PyLong_AsLongLongAndOverflow(obj.ptr(), &overflow);
        if (!overflow)
            return mp::Object(static_cast<std::int64_t>(v));
        // ctypes keeps the low bits of an integer too big for the cell
        return mp::Object(static_cast<std::int64_t>(PyLong_AsUnsignedLongLongMask(obj.ptr())));
    }
    if (PyFloat_Check(obj.ptr()))
        return mp::Object(PyFloat_AsDouble(obj.ptr()));
    if (PyUnicode_Check(obj.ptr()))
        return mp::Object(obj.cast<std::string>());
    if (PyBytes_Check(obj.ptr()))
        return mp::Object(mp::Bytes(std::string(py::bytes(obj.cast<py::bytes>()))));
    if (PyList_Check(obj.ptr()) || PyTuple_Check(obj.ptr())) {
        mp::list out;
        for (py::handle item : obj)
            out.push_back(toScalar(item));
        return PyList_Check(obj.ptr()) ? mp::Object(std::move(out)) : mp::Object(mp::tuple(out.begin(), out.end()));
    }
    if (PyObject_CheckBuffer(obj.ptr())) { // bytearray, memoryview
        py::bytes copy(py::reinterpret_steal<py::object>(PyBytes_FromObject(obj.ptr())));
        return mp::Object(mp::Bytes(std::string(copy)));
    }
    throw py::type_error(std::string("wrong type: '") + Py_TYPE(obj.ptr())->tp_name + "' object");
}

py::object fromScalar(const mp::Object& obj)
{
    const auto& v = obj.value();
    if (obj.is_none())
        return py::none();
    if (const bool* b = std::get_if<bool>(&v))
        return py::bool_(*b);
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return py::int_(*i);
    if (const double* d = std::get_if<double>(&v))
        return py::float_(*d);
    if (const auto* s = std::get_if<std::string>(&v))
        return py::str(*s);
    if (const auto* b = std::get_if<mp::Bytes>(&v))
        return py::bytes(b->str());
    return unwrap(obj);
}

void raisePython(const mp::Error& e)
{
    setPythonError(e);
    throw py::error_already_set();
}

bool observed()
{
    return mp::telemetry::probe::on();
}

void reportLine()
{
    if (g_program.empty() || !observed()) // nobody draws the markers: finding the line would cost every call
        return;
    PyFrameObject* frame = PyEval_GetFrame(); // borrowed
    if (!frame)
        return;
    Py_INCREF(frame);
    int line = -1;
    while (frame) {
        PyCodeObject* code = PyFrame_GetCode(frame);
        const char* file = PyUnicode_AsUTF8(code->co_filename);
        const bool ours = file && g_program == file;
        Py_DECREF(code);
        if (ours) {
            line = PyFrame_GetLineNumber(frame);
            Py_DECREF(frame);
            break;
        }
        PyFrameObject* back = PyFrame_GetBack(frame);
        Py_DECREF(frame);
        frame = back;
    }
    if (line < 0 || line == t_lastLine)
        return;
    t_lastLine = line;
    mp::telemetry::line(line);
}

void shareByInheritanceOnly(py::handle cls, const char* name)
{
    const std::string message
        = std::string(name) + " objects should only be shared between processes through inheritance";
    cls.attr("__reduce__") = py::cpp_function(
        [message](py::handle) -> py::object { throw std::runtime_error(message); }, py::is_method(cls));
}

void bindErrors(py::module_& m)
{
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p)
                std::rethrow_exception(p);
        } catch (const mp::Error& e) {
            setPythonError(e);
        } catch (const mp::SystemExit& e) {
            PyErr_SetObject(PyExc_SystemExit, py::int_(e.code()).ptr());
        }
    });
    m.def("_set_program", [](std::string path) { g_program = std::move(path); });
    m.def("_reset_line", [] { t_lastLine = -1; });
}

void installHooks()
{
    mp::EmbeddingHooks hooks;
    hooks.beforeWait = beforeWait;
    hooks.afterWait = afterWait;
    hooks.decodeForeign = decodeForeign;
    mp::set_embedding_hooks(hooks);
}

void closePythonToEngineThreads()
{
    g_pythonClosed.store(true);
    const Unlocked unlocked; // those inside may be waiting for the GIL
    while (g_threadsInPython.load() > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

} // namespace mpstage::python
