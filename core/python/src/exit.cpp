// SPDX-License-Identifier: MIT
// The engine's exit sequence (multiprocessing.util._exit_function: queues flushed, daemonic children
// terminated, the others joined) runs from Python's atexit, while the interpreter is still whole: feeder
// threads need the GIL to pickle what they still hold.

#include "bridge.h"
#include "runtime.h"

namespace mpstage::python {

void bindExit(py::module_& m)
{
    m.def("_exit_function", [] {
        mp::detail::exitFunction();
        closePythonToEngineThreads(); // what is left (feeders whose join was cancelled) is not joined
    });
    py::module_::import("atexit").attr("register")(m.attr("_exit_function"));
}

} // namespace mpstage::python
