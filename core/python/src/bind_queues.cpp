// SPDX-License-Identifier: MIT
// Queue, JoinableQueue and SimpleQueue. A Queue's put() leaves the object in the local buffer unpickled and
// keeps the GIL (an unbounded put never waits, as in CPython), so the feeder thread, which needs the GIL to
// pickle, writes only once this thread lets go of it: right after put(), empty() says True as in CPython.

#include "bridge.h"

#include <mp/queues.h>

#include <pybind11/stl.h>

#include <memory>
#include <optional>

namespace mpstage::python {

namespace {

// The last handle of a queue in a process joins its feeder, which may need the GIL to pickle what it still
// holds: the handle goes with the GIL let go.
template <typename Q> struct PyQueueOf {
    explicit PyQueueOf(int maxsize)
        : handle((reportLine(), std::make_unique<Q>(maxsize)))
        , q(*handle)
        , bounded(maxsize > 0)
    {
    }
    ~PyQueueOf()
    {
        if (_Py_IsFinalizing()) { // the exit sequence has flushed the feeders already
            handle.reset();
            return;
        }
        Unlocked unlocked;
        handle.reset();
    }
    std::unique_ptr<Q> handle;
    Q& q;
    bool bounded;
};
using PyQueue = PyQueueOf<mp::Queue>;
using PyJoinableQueue = PyQueueOf<mp::JoinableQueue>;

template <typename Q> void put(Q& self, py::handle obj, bool block, std::optional<double> timeout)
{
    reportLine();
    mp::Object item = wrap(obj);
    if (self.bounded && block) { // may wait for room
        Unlocked unlocked;
        self.q.put(item, block, timeout);
    } else {
        self.q.put(item, block, timeout);
    }
}

template <typename Q> py::object get(Q& self, bool block, std::optional<double> timeout)
{
    reportLine();
    mp::Object obj;
    {
        Unlocked unlocked;
        obj = self.q.get(block, timeout);
    }
    return unwrap(obj);
}

template <typename Q, typename C> void defineQueueMethods(C& cls)
{
    cls.def("put", &put<Q>, py::arg("obj"), py::arg("block") = true, py::arg("timeout") = py::none())
        .def("get", &get<Q>, py::arg("block") = true, py::arg("timeout") = py::none())
        .def("put_nowait", [](Q& self, py::handle obj) { put(self, obj, false, std::nullopt); })
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
            })
        .def("join_thread",
            [](Q& self) {
                reportLine();
                Unlocked unlocked;
                self.q.join_thread();
            })
        .def("cancel_join_thread", [](Q& self) { self.q.cancel_join_thread(); })
        .def("_set_feeder_delay", [](Q& self, double s) { self.q.set_feeder_delay(s); });
    cls.attr("__module__") = "multiprocessing.queues";
}

} // namespace

void bindQueues(py::module_& m)
{
    py::class_<PyQueue> queue(m, "Queue");
    queue.def(py::init<int>(), py::arg("maxsize") = 0);
    defineQueueMethods<PyQueue>(queue);
    shareByInheritanceOnly(queue, "Queue");

    py::class_<PyJoinableQueue> joinable(m, "JoinableQueue");
    joinable.def(py::init<int>(), py::arg("maxsize") = 0)
        .def("task_done",
            [](PyJoinableQueue& self) {
                reportLine();
                self.q.task_done();
            })
        .def("join", [](PyJoinableQueue& self) {
            reportLine();
            Unlocked unlocked;
            self.q.join();
        });
    defineQueueMethods<PyJoinableQueue>(joinable);
    shareByInheritanceOnly(joinable, "JoinableQueue");

    py::class_<mp::SimpleQueue> simple(m, "SimpleQueue");
    simple
        .def(py::init([] {
            reportLine();
            return mp::SimpleQueue();
        }))
        .def("put",
            [](mp::SimpleQueue& self, py::handle obj) {
                reportLine();
                mp::Object item = wrapPickled(obj); // pickled here, in the caller, as CPython does
                Unlocked unlocked;
                self.put(item);
            })
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
    shareByInheritanceOnly(simple, "SimpleQueue");
}

} // namespace mpstage::python
