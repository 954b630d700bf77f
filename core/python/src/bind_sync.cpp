// SPDX-License-Identifier: MIT
// Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event and Barrier (multiprocessing.synchronize).
// A call that may wait lets go of the GIL while it waits.

#include "bridge.h"
#include "fast_lock.h"

#include <mp/condition.h>
#include <mp/synchronize.h>

#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <climits>
#include <optional>

namespace mpstage::python {

namespace {

// acquire, release, __enter__ and __exit__ are plain CPython methods (fast_lock.h): `with lock:` is the
// inner loop of most programs, and pybind11's dispatch would triple its cost.
// The initial value of a Semaphore, as _multiprocessing.SemLock takes it (Argument Clinic's `int`): an int, or
// what has __index__, that fits a C int.
int semaphoreValue(py::handle value)
{
    int overflow = 0;
    const long v = PyLong_AsLongAndOverflow(value.ptr(), &overflow);
    if (v == -1 && PyErr_Occurred())
        throw py::error_already_set();
    if (overflow || v > INT_MAX || v < INT_MIN) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        throw py::error_already_set();
    }
    return static_cast<int>(v);
}

template <typename L, typename C> void defineLockMethods(C& cls)
{
    fast::installLockMethods<L, true>(cls);
    cls.def("__repr__", &L::repr);
    cls.attr("__module__") = "multiprocessing.synchronize";
    shareByInheritanceOnly(cls, py::str(cls.attr("__name__")).cast<std::string>().c_str());
}

} // namespace

void bindSync(py::module_& m)
{
    mp::set_dead_holder_warnings(false); // CPython waits for a dead holder's lock without a word
    // _multiprocessing.SemLock's view of the per-process state, which the reprs (synchronize.py) are made of.
    py::class_<mp::SemLock>(m, "SemLock")
        .def("_is_mine", &mp::SemLock::is_mine)
        .def("_count", &mp::SemLock::count)
        .def("_get_value", &mp::SemLock::get_value);
    py::class_<mp::Lock, mp::SemLock> lock(m, "Lock");
    lock.def(py::init([] {
        reportLine();
        return mp::Lock();
    }));
    defineLockMethods<mp::Lock>(lock);
    py::class_<mp::RLock, mp::SemLock> rlock(m, "RLock");
    rlock.def(py::init([] {
        reportLine();
        return mp::RLock();
    }));
    defineLockMethods<mp::RLock>(rlock);
    py::class_<mp::Semaphore, mp::SemLock> sem(m, "Semaphore");
    sem.def(py::init([](py::handle value) {
           reportLine();
           return mp::Semaphore(semaphoreValue(value));
       }),
           py::arg("value") = 1)
        .def("get_value", &mp::Semaphore::get_value);
    defineLockMethods<mp::Semaphore>(sem);
    py::class_<mp::BoundedSemaphore, mp::SemLock> bsem(m, "BoundedSemaphore");
    bsem.def(py::init([](py::handle value) {
            reportLine();
            return mp::BoundedSemaphore(semaphoreValue(value));
        }),
            py::arg("value") = 1)
        .def("get_value", &mp::BoundedSemaphore::get_value);
    defineLockMethods<mp::BoundedSemaphore>(bsem);

    py::class_<mp::Condition> cond(m, "Condition");
    cond.def(py::init([](std::optional<mp::SemLock> l) {
            reportLine();
            return l ? mp::Condition(*l) : mp::Condition();
        }),
            py::arg("lock") = py::none())
        .def(
            "wait",
            [](mp::Condition& c, std::optional<double> timeout) {
                reportLine();
                Unlocked unlocked;
                return c.wait(timeout);
            },
            py::arg("timeout") = py::none())
        .def(
            "wait_for",
            [](mp::Condition& c, py::function predicate, std::optional<double> timeout) {
                reportLine();
                py::object result = predicate();
                const double end = timeout ? mp::monotonic_seconds() + *timeout : 0.0;
                while (!py::bool_(result)) {
                    std::optional<double> left;
                    if (timeout) {
                        left = end - mp::monotonic_seconds();
                        if (*left <= 0)
                            break;
                    }
                    {
                        Unlocked unlocked;
                        c.wait(left);
                    }
                    result = predicate();
                }
                return result;
            },
            py::arg("predicate"), py::arg("timeout") = py::none())
        .def(
            "notify",
            [](mp::Condition& c, int n) {
                reportLine();
                c.notify(n);
            },
            py::arg("n") = 1)
        .def("notify_all",
            [](mp::Condition& c) {
                reportLine();
                c.notify_all();
            })
        // For the repr (synchronize.py): the state of the lock the engine made, and how many are waiting.
        .def("_lock_is_mine", [](const mp::Condition& c) { return c.semlock().is_mine(); })
        .def("_lock_count", [](const mp::Condition& c) { return c.semlock().count(); })
        .def("_lock_get_value", [](const mp::Condition& c) { return c.semlock().get_value(); })
        .def("_waiters", &mp::Condition::waiters);
    fast::installLockMethods<mp::Condition>(cond);
    cond.attr("__module__") = "multiprocessing.synchronize";
    shareByInheritanceOnly(cond, "Condition");

    py::class_<mp::Event> event(m, "Event");
    event
        .def(py::init([] {
            reportLine();
            return mp::Event();
        }))
        .def("is_set",
            [](mp::Event& e) {
                reportLine();
                return e.is_set();
            })
        .def("set",
            [](mp::Event& e) {
                reportLine();
                e.set();
            })
        .def("clear", &mp::Event::clear)
        .def(
            "wait",
            [](mp::Event& e, std::optional<double> timeout) {
                reportLine();
                Unlocked unlocked;
                return e.wait(timeout);
            },
            py::arg("timeout") = py::none());
    event.attr("__module__") = "multiprocessing.synchronize";
    shareByInheritanceOnly(event, "Condition"); // an Event pickles its Condition first

    py::class_<mp::Barrier> barrier(m, "Barrier");
    barrier
        .def(py::init([](int parties, py::object action, std::optional<double> timeout) {
            std::function<void()> run;
            if (!action.is_none()) {
                auto held = std::make_shared<py::object>(std::move(action));
                run = [held] {
                    py::gil_scoped_acquire gil;
                    (*held)();
                };
            }
            reportLine();
            return mp::Barrier(parties, run, timeout);
        }),
            py::arg("parties"), py::arg("action") = py::none(), py::arg("timeout") = py::none())
        .def(
            "wait",
            [](mp::Barrier& b, std::optional<double> timeout) {
                reportLine();
                Unlocked unlocked;
                return b.wait(timeout);
            },
            py::arg("timeout") = py::none())
        .def("reset", &mp::Barrier::reset)
        .def("abort", &mp::Barrier::abort)
        .def_property_readonly("parties", &mp::Barrier::parties)
        .def_property_readonly("n_waiting", &mp::Barrier::n_waiting)
        .def_property_readonly("broken", &mp::Barrier::broken);
    barrier.attr("__module__") = "multiprocessing.synchronize";
    shareByInheritanceOnly(barrier, "Condition");
}

} // namespace mpstage::python
