// SPDX-License-Identifier: MIT
// Queue, JoinableQueue and SimpleQueue. A Queue's put() leaves the object in the local buffer unpickled and
// keeps the GIL (an unbounded put never waits, as in CPython), so the feeder thread, which needs the GIL to
// pickle, writes only once this thread lets go of it: right after put(), empty() says True as in CPython.

#include "bridge.h"

#include <mp/queues.h>

#include <pybind11/stl.h>

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

void defineQueueMethods(py::class_<PyQueue>& cls)
{
    using Q = PyQueue;
    cls.def("put", &put, py::arg("obj"), py::arg("block") = true, py::arg("timeout") = py::none())
        .def("get", &get, py::arg("block") = true, py::arg("timeout") = py::none())
        .def(
            "put_nowait", [](Q& self, py::handle obj) { put(self, obj, false, std::nullopt); }, py::arg("obj"))
        .def("get_nowait", [](Q& self) { return get(self, false, std::nullopt); })
        .def("qsize",
            [](Q& self) {
                reportLine();
                return self.q.qsize();
            })
        .def("empty",
            [](Q& self) {
                reportLine();
                Unlocked unlocked; // CPython's empty() polls the pipe with the GIL let go: a waiting feeder may run
                return self.q.empty();
            })
        .def("full",
            [](Q& self) {
                reportLine();
                return self.q.full();
            })
        .def("close",
            [](Q& self) {
                reportLine();
                self.q.close();
                self.closedPid = getpid();
            })
        .def("join_thread",
            [](Q& self) {
                reportLine();
                namingSelf(self, [&] {
                    Unlocked unlocked;
                    self.q.join_thread();
                });
                if (self.cancelledPid != getpid())
                    self.feederFinished();
            })
        .def("cancel_join_thread",
            [](Q& self) {
                self.cancelledPid = getpid();
                self.q.cancel_join_thread();
            })
        .def("_set_feeder_delay", [](Q& self, double s) { self.q.set_feeder_delay(s); });
    cls.attr("__module__") = "multiprocessing.queues";
}

} // namespace

void bindQueues(py::module_& m)
{
    // The engine's part of multiprocessing.queues.Queue and JoinableQueue (queues.py builds the classes
    // Python sees on it, with CPython's __init__(maxsize=0, *, ctx)): _Queue(maxsize, joinable).
    py::class_<PyQueue> queue(m, "_Queue");
    queue.def(py::init([](int maxsize, bool joinable) { return std::make_unique<PyQueue>(maxsize, joinable); }),
        py::arg("maxsize"), py::arg("joinable"));
    defineQueueMethods(queue);
    // JoinableQueue's own methods, which queues.JoinableQueue takes as its own.
    m.attr("_joinable_task_done") = py::cpp_function(
        [](PyQueue& self) {
            reportLine();
            self.jq().task_done();
        },
        py::is_method(queue), py::name("task_done"));
    m.attr("_joinable_join") = py::cpp_function(
        [](PyQueue& self) {
            reportLine();
            mp::JoinableQueue& jq = self.jq();
            Unlocked unlocked;
            jq.join();
        },
        py::is_method(queue), py::name("join"));

    // The engine's part of multiprocessing.queues.SimpleQueue (queues.py builds the class on it).
    py::class_<mp::SimpleQueue> simple(m, "_SimpleQueue");
    simple
        .def(py::init([] {
            reportLine();
            return mp::SimpleQueue();
        }))
        .def(
            "put",
            [](mp::SimpleQueue& self, py::handle obj) {
                reportLine();
                mp::Object item = wrapPickled(obj); // pickled here, in the caller, as CPython does
                Unlocked unlocked;
                self.put(item);
            },
            py::arg("obj"))
        .def("get",
            [](mp::SimpleQueue& self) {
                reportLine();
                mp::Object obj;
                {
                    Unlocked unlocked;
                    obj = self.get();
                }
                return unwrap(obj);
            })
        .def("empty",
            [](mp::SimpleQueue& self) {
                reportLine();
                return self.empty();
            })
        .def("close", &mp::SimpleQueue::close);
    simple.attr("__module__") = "multiprocessing.queues";
}

} // namespace mpstage::python
