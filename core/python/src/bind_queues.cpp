// SPDX-License-Identifier: MIT
// The engine's side of Queue, JoinableQueue and SimpleQueue (_Queue, _SimpleQueue); queues.py builds
// CPython's classes on them. A Queue's put() leaves the object in the local buffer unpickled and keeps the GIL
// (an unbounded put never waits, as in CPython), so the feeder thread, which needs the GIL to pickle, writes
// only once this thread lets go of it: right after put(), empty() says True as in CPython. The methods are
// plain CPython methods (fast_call.h) that take their arguments as queues.py's Python methods do.

#include "bridge.h"
#include "fast_call.h"

#include <mp/queues.h>

#include <pybind11/stl.h>

#include <cstring>
#include <memory>
#include <optional>

#include <unistd.h>

namespace mpstage::python {

namespace {

// The last handle of a queue in a process joins its feeder, which may need the GIL to pickle what it still
// holds: the handle goes with the GIL let go. One class holds a Queue or a JoinableQueue, so that the Python
// classes in queues.py can be Queue and JoinableQueue(Queue) as in CPython (isinstance, and a Python
// subclass of Queue sees the same methods); a JoinableQueue's put() is JoinableQueue::put, which counts the task.
struct PyQueue {
    explicit PyQueue(int maxsize, bool isJoinable)
        : plain(isJoinable ? nullptr : (reportLine(), std::make_unique<mp::Queue>(maxsize)))
        , joinable(isJoinable ? (reportLine(), std::make_unique<mp::JoinableQueue>(maxsize)) : nullptr)
        , q(plain ? *plain : *joinable)
        , bounded(maxsize > 0 && maxsize < static_cast<int>(mp::MAX_SEMAPHORE_VALUE))
    {
    }
    PyQueue(const PyQueue&) = delete;
    PyQueue& operator=(const PyQueue&) = delete;
    ~PyQueue()
    {
        if (_Py_IsFinalizing()) { // the exit sequence has flushed the feeders already
            feederThread.release(); // the interpreter is going: nothing to tell threading
            plain.reset();
            joinable.reset();
            return;
        }
        // CPython's feeder outlives its queue unless the queue was closed: threading keeps listing it then.
        if (closedPid == getpid())
            feederFinished();
        Unlocked unlocked;
        plain.reset();
        joinable.reset();
    }
    void put(const mp::Object& item, bool block, mp::Timeout timeout)
    {
        if (joinable)
            joinable->put(item, block, timeout);
        else
            q.put(item, block, timeout);
    }
    mp::JoinableQueue& jq()
    {
        if (!joinable)
            throw mp::TypeError("not a JoinableQueue");
        return *joinable;
    }
    // The feeder is a native thread; threading lists a stand-in for it (queues._FeederThread), started on the
    // first put in each process as CPython's feeder is, and finished when join_thread() has joined it.
    void feederStarted(py::handle self)
    {
        const pid_t pid = getpid();
        if (feederPid == pid)
            return;
        feederPid = pid;
        if (feederThread)
            feederThread.release(); // the parent's stand-in: threading forgot it at fork
        static auto& start = *new py::object(
            py::module_::import("mpstage.multiprocessing.queues").attr("_FeederThread")); // used until exit
        feederThread = start(self);
    }
    void feederFinished()
    {
        if (feederThread && feederPid == getpid()) {
            feederThread.attr("_mpstage_finished")();
            feederThread = py::object();
        }
    }
    std::unique_ptr<mp::Queue> plain;
    std::unique_ptr<mp::JoinableQueue> joinable;
    mp::Queue& q;
    bool bounded;
    pid_t feederPid = 0; // the process whose feeder feederThread stands for
    pid_t cancelledPid = 0; // the process that called cancel_join_thread()
    pid_t closedPid = 0; // the process that called close()
    py::object feederThread;
    bool feederErrorLooked = false;
    py::object onFeederError; // what the feeder calls when it cannot pickle an item (none: the engine reports)
};

// The engine names its own object in "Queue <repr> is closed" and "Queue <repr> not closed": name the
// Python object, as CPython's messages do.
template <typename F> auto namingSelf(PyQueue& self, F&& f)
{
    try {
        return f();
    } catch (const mp::Error& e) {
        const std::string what = e.what();
        const std::string engine = self.q.repr();
        const auto at = what.find(engine);
        if (at == std::string::npos)
            throw;
        const std::string named
            = what.substr(0, at) + std::string(py::repr(py::cast(&self))) + what.substr(at + engine.size());
        if (std::string_view(e.type_name()) == "AssertionError")
            throw mp::AssertionError(named);
        throw mp::ValueError(named);
    }
}

void put(PyQueue& self, py::handle obj, bool block, std::optional<double> timeout)
{
    reportLine();
    if (!self.feederErrorLooked) { // Queue._start_thread passes the queue's _on_queue_feeder_error to _feed
        self.feederErrorLooked = true;
        const py::object queue = py::cast(&self);
        if (py::hasattr(queue, "_on_queue_feeder_error"))
            self.onFeederError = queue.attr("_on_queue_feeder_error");
    }
    mp::Object item = wrap(obj, self.onFeederError);
    namingSelf(self, [&] {
        if (self.bounded && block) { // may wait for room
            Unlocked unlocked;
            self.put(item, block, timeout);
        } else {
            self.put(item, block, timeout);
        }
    });
    if (self.feederPid != getpid())
        self.feederStarted(py::cast(&self));
}

py::object get(PyQueue& self, bool block, std::optional<double> timeout)
{
    reportLine();
    mp::Object obj = namingSelf(self, [&] {
        Unlocked unlocked;
        return self.q.get(block, timeout);
    });
    return unwrap(obj);
}

// put, get, put_nowait and get_nowait are plain CPython methods (fast_call.h) that take their arguments as
// queues.py's Python methods do, with Python's messages when they are wrong.

PyQueue& queueOf(PyObject* obj)
{
    return fast::self<PyQueue>(obj);
}

// SemLock.acquire's `block` (an int, as clinic's bool(accept={int})) and `timeout` (None or a real number).
bool semBlock(PyObject* block)
{
    if (!block)
        return true;
    const int value = _PyLong_AsInt(block);
    if (value == -1 && PyErr_Occurred())
        throw py::error_already_set();
    return value != 0;
}

std::optional<double> semTimeout(PyObject* timeout)
{
    return fast::optionalSeconds(timeout);
}

bool isClosedHere(const PyQueue& q)
{
    return q.closedPid == getpid();
}

[[noreturn]] void raiseClosed(PyQueue& q)
{
    throw mp::ValueError("Queue " + std::string(py::repr(py::cast(&q))) + " is closed");
}

// Queue.put(obj, block=True, timeout=None): the closed check, then _sem.acquire(block, timeout).
PyObject* fastPut(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    static const char* const names[] = { "obj", "block", "timeout" };
    PyObject* given[3];
    try {
        PyQueue& self = queueOf(obj);
        if (!fast::parseMethod(
                self.joinable ? "JoinableQueue.put" : "Queue.put", args, nargs, kwnames, names, 3, 1, given))
            return nullptr;
        if (isClosedHere(self))
            raiseClosed(self);
        const bool block = semBlock(given[1]);
        put(self, given[0], block, semTimeout(given[2]));
        Py_RETURN_NONE;
    } catch (...) {
        return fast::translate();
    }
}

// Queue.get(block=True, timeout=None): `if block and timeout is None` blocks for good; otherwise a block
// computes time.monotonic() + timeout, and _rlock.acquire(block, timeout) takes the arguments as SemLock does.
PyObject* fastGet(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    static const char* const names[] = { "block", "timeout" };
    PyObject* given[2];
    if (!fast::parseMethod("Queue.get", args, nargs, kwnames, names, 2, 0, given))
        return nullptr;
    try {
        PyQueue& self = queueOf(obj);
        if (isClosedHere(self))
            raiseClosed(self);
        bool truth = true;
        if (given[0]) {
            const int t = PyObject_IsTrue(given[0]);
            if (t < 0)
                return nullptr;
            truth = t != 0;
        }
        const bool noTimeout = !given[1] || given[1] == Py_None;
        if (truth && noTimeout)
            return get(self, true, std::nullopt).release().ptr();
        if (truth) {
            const py::float_ now(0.0);
            const py::object sum = py::reinterpret_steal<py::object>(PyNumber_Add(now.ptr(), given[1]));
            if (!sum)
                return nullptr;
        }
        const bool block = semBlock(given[0]);
        const std::optional<double> timeout = semTimeout(given[1]);
        return get(self, block, timeout).release().ptr();
    } catch (...) {
        return fast::translate();
    }
}

bool exactlyOurs(PyObject* obj)
{
    static PyObject* const types[2] = {
        py::object(py::module_::import("mpstage.multiprocessing.queues").attr("Queue")).release().ptr(),
        py::object(py::module_::import("mpstage.multiprocessing.queues").attr("JoinableQueue")).release().ptr(),
    };
    return Py_TYPE(obj) == reinterpret_cast<PyTypeObject*>(types[0])
        || Py_TYPE(obj) == reinterpret_cast<PyTypeObject*>(types[1]);
}

// Queue.put_nowait(obj) is self.put(obj, False), which a subclass may have overridden.
PyObject* fastPutNowait(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    static const char* const names[] = { "obj" };
    PyObject* given[1];
    if (!fast::parseMethod("Queue.put_nowait", args, nargs, kwnames, names, 1, 1, given))
        return nullptr;
    try {
        if (!exactlyOurs(obj))
            return PyObject_CallMethod(obj, "put", "OO", given[0], Py_False);
        PyQueue& self = queueOf(obj);
        if (isClosedHere(self))
            raiseClosed(self);
        put(self, given[0], false, std::nullopt);
        Py_RETURN_NONE;
    } catch (...) {
        return fast::translate();
    }
}

// Queue.get_nowait() is self.get(False).
PyObject* fastGetNowait(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    if (!fast::parseMethod("Queue.get_nowait", args, nargs, kwnames, nullptr, 0, 0, nullptr))
        return nullptr;
    try {
        if (!exactlyOurs(obj))
            return PyObject_CallMethod(obj, "get", "O", Py_False);
        PyQueue& self = queueOf(obj);
        if (isClosedHere(self))
            raiseClosed(self);
        return get(self, false, std::nullopt).release().ptr();
    } catch (...) {
        return fast::translate();
    }
}

template <PyObject* (*F)(PyObject*, PyObject* const*, Py_ssize_t, PyObject*)> PyCFunction fastcall()
{
    return reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(F));
}

// The methods without arguments, as plain CPython methods too: `Queue.qsize() takes 1 positional argument but
// 2 were given`, `JoinableQueue.join() got an unexpected keyword argument 'timeout'`.
template <const char* Name, PyObject* (*Impl)(PyObject*)>
PyObject* noArgs(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    if (!fast::parseMethod(Name, args, nargs, kwnames, nullptr, 0, 0, nullptr))
        return nullptr;
    try {
        return Impl(obj);
    } catch (...) {
        return fast::translate();
    }
}

PyObject* qsize(PyObject* obj)
{
    reportLine();
    return PyLong_FromLong(queueOf(obj).q.qsize());
}

PyObject* empty(PyObject* obj)
{
    PyQueue& self = queueOf(obj);
    reportLine();
    bool answer = false;
    {
        Unlocked unlocked; // CPython's empty() polls the pipe with the GIL let go: a waiting feeder may run
        answer = self.q.empty();
    }
    return PyBool_FromLong(answer);
}

PyObject* full(PyObject* obj)
{
    reportLine();
    return PyBool_FromLong(queueOf(obj).q.full());
}

PyObject* close(PyObject* obj)
{
    PyQueue& self = queueOf(obj);
    reportLine();
    self.q.close();
    self.closedPid = getpid();
    Py_RETURN_NONE;
}

PyObject* joinThread(PyObject* obj)
{
    PyQueue& self = queueOf(obj);
    reportLine();
    namingSelf(self, [&] {
        Unlocked unlocked;
        self.q.join_thread();
    });
    if (self.cancelledPid != getpid())
        self.feederFinished();
    Py_RETURN_NONE;
}

PyObject* cancelJoinThread(PyObject* obj)
{
    PyQueue& self = queueOf(obj);
    self.cancelledPid = getpid();
    self.q.cancel_join_thread();
    Py_RETURN_NONE;
}

PyObject* taskDone(PyObject* obj)
{
    PyQueue& self = queueOf(obj);
    reportLine();
    self.jq().task_done();
    Py_RETURN_NONE;
}

PyObject* joinTasks(PyObject* obj)
{
    PyQueue& self = queueOf(obj);
    reportLine();
    mp::JoinableQueue& jq = self.jq();
    {
        Unlocked unlocked;
        jq.join();
    }
    Py_RETURN_NONE;
}

mp::SimpleQueue& simpleOf(PyObject* obj)
{
    return fast::self<mp::SimpleQueue>(obj);
}

// SimpleQueue.put(obj): pickled here, in the caller, as CPython does, then written under the writer lock.
PyObject* simplePut(PyObject* obj, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    static const char* const names[] = { "obj" };
    PyObject* given[1];
    if (!fast::parseMethod("SimpleQueue.put", args, nargs, kwnames, names, 1, 1, given))
        return nullptr;
    try {
        mp::SimpleQueue& self = simpleOf(obj);
        reportLine();
        mp::Object item = wrapPickled(given[0]);
        {
            Unlocked unlocked;
            self.put(item);
        }
        Py_RETURN_NONE;
    } catch (...) {
        return fast::translate();
    }
}

PyObject* simpleGet(PyObject* obj)
{
    mp::SimpleQueue& self = simpleOf(obj);
    reportLine();
    mp::Object got;
    {
        Unlocked unlocked;
        got = self.get();
    }
    return unwrap(got).release().ptr();
}

PyObject* simpleEmpty(PyObject* obj)
{
    reportLine();
    return PyBool_FromLong(simpleOf(obj).empty());
}

PyObject* simpleClose(PyObject* obj)
{
    simpleOf(obj).close();
    Py_RETURN_NONE;
}

constexpr char kQsize[] = "Queue.qsize", kEmpty[] = "Queue.empty", kFull[] = "Queue.full", kClose[] = "Queue.close",
               kJoinThread[] = "Queue.join_thread", kCancelJoinThread[] = "Queue.cancel_join_thread",
               kTaskDone[] = "JoinableQueue.task_done", kJoin[] = "JoinableQueue.join",
               kSimpleGet[] = "SimpleQueue.get", kSimpleEmpty[] = "SimpleQueue.empty",
               kSimpleClose[] = "SimpleQueue.close";

PyMethodDef g_queueMethods[] = {
    { "put", fastcall<fastPut>(), METH_FASTCALL | METH_KEYWORDS,
        "put($self, /, obj, block=True, timeout=None)\n--\n\n" },
    { "get", fastcall<fastGet>(), METH_FASTCALL | METH_KEYWORDS, "get($self, /, block=True, timeout=None)\n--\n\n" },
    { "put_nowait", fastcall<fastPutNowait>(), METH_FASTCALL | METH_KEYWORDS, "put_nowait($self, /, obj)\n--\n\n" },
    { "get_nowait", fastcall<fastGetNowait>(), METH_FASTCALL | METH_KEYWORDS, "get_nowait($self, /)\n--\n\n" },
    { "qsize", fastcall<noArgs<kQsize, qsize>>(), METH_FASTCALL | METH_KEYWORDS, "qsize($self, /)\n--\n\n" },
    { "empty", fastcall<noArgs<kEmpty, empty>>(), METH_FASTCALL | METH_KEYWORDS, "empty($self, /)\n--\n\n" },
    { "full", fastcall<noArgs<kFull, full>>(), METH_FASTCALL | METH_KEYWORDS, "full($self, /)\n--\n\n" },
    { "close", fastcall<noArgs<kClose, close>>(), METH_FASTCALL | METH_KEYWORDS, "close($self, /)\n--\n\n" },
    { "join_thread", fastcall<noArgs<kJoinThread, joinThread>>(), METH_FASTCALL | METH_KEYWORDS,
        "join_thread($self, /)\n--\n\n" },
    { "cancel_join_thread", fastcall<noArgs<kCancelJoinThread, cancelJoinThread>>(), METH_FASTCALL | METH_KEYWORDS,
        "cancel_join_thread($self, /)\n--\n\n" },
    { nullptr, nullptr, 0, nullptr },
};

// JoinableQueue's own methods, which queues.JoinableQueue takes as its own (method descriptors of _Queue).
PyMethodDef g_joinableMethods[] = {
    { "task_done", fastcall<noArgs<kTaskDone, taskDone>>(), METH_FASTCALL | METH_KEYWORDS,
        "task_done($self, /)\n--\n\n" },
    { "join", fastcall<noArgs<kJoin, joinTasks>>(), METH_FASTCALL | METH_KEYWORDS, "join($self, /)\n--\n\n" },
    { nullptr, nullptr, 0, nullptr },
};

PyMethodDef g_simpleMethods[] = {
    { "put", fastcall<simplePut>(), METH_FASTCALL | METH_KEYWORDS, "put($self, /, obj)\n--\n\n" },
    { "get", fastcall<noArgs<kSimpleGet, simpleGet>>(), METH_FASTCALL | METH_KEYWORDS, "get($self, /)\n--\n\n" },
    { "empty", fastcall<noArgs<kSimpleEmpty, simpleEmpty>>(), METH_FASTCALL | METH_KEYWORDS,
        "empty($self, /)\n--\n\n" },
    { "close", fastcall<noArgs<kSimpleClose, simpleClose>>(), METH_FASTCALL | METH_KEYWORDS,
        "close($self, /)\n--\n\n" },
    { nullptr, nullptr, 0, nullptr },
};

} // namespace

void bindQueues(py::module_& m)
{
    // The engine's part of multiprocessing.queues.Queue and JoinableQueue (queues.py builds the classes
    // Python sees on it, with CPython's __init__(maxsize=0, *, ctx)): _Queue(maxsize, joinable).
    py::class_<PyQueue> queue(m, "_Queue");
    queue.def(py::init([](int maxsize, bool joinable) { return std::make_unique<PyQueue>(maxsize, joinable); }),
        py::arg("maxsize"), py::arg("joinable"));
    fast::install(queue, g_queueMethods);
    queue.def("_set_feeder_delay", [](PyQueue& self, double s) { self.q.set_feeder_delay(s); })
        .def("_closed_here", [](const PyQueue& self) { return isClosedHere(self); });
    queue.attr("__module__") = "multiprocessing.queues";
    auto* queueType = reinterpret_cast<PyTypeObject*>(queue.ptr());
    m.attr("_joinable_task_done")
        = py::reinterpret_steal<py::object>(PyDescr_NewMethod(queueType, &g_joinableMethods[0]));
    m.attr("_joinable_join") = py::reinterpret_steal<py::object>(PyDescr_NewMethod(queueType, &g_joinableMethods[1]));

    // The engine's part of multiprocessing.queues.SimpleQueue (queues.py builds the class on it).
    py::class_<mp::SimpleQueue> simple(m, "_SimpleQueue");
    simple.def(py::init([] {
        reportLine();
        return mp::SimpleQueue();
    }));
    fast::install(simple, g_simpleMethods);
    simple.attr("__module__") = "multiprocessing.queues";
}

} // namespace mpstage::python
