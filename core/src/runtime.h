// SPDX-License-Identifier: MIT
#pragma once
// The per-process bookkeeping that multiprocessing.util keeps: after-fork hooks (a child's fresh queue
// state), exit finalizers with priorities (queue flushing), and the exit sequence itself.

#include <functional>
#include <memory>
#include <string>

namespace mp::detail {

// Runs fn in every child started by mp::Process, for as long as `alive` exists (util.register_after_fork).
void registerAfterFork(std::weak_ptr<void> alive, std::function<void()> fn);

// An exit-time callback (util.Finalize with an exitpriority). cancel() removes it.
class Finalizer {
public:
    Finalizer() = default;
    Finalizer(int priority, std::function<void()> fn);
    void cancel();
    // Runs it now (if still registered) and removes it.
    void operator()();
    explicit operator bool() const { return m_id != 0; }

private:
    unsigned long m_id = 0;
};

// util._exit_function: finalizers with priority >= 0, then terminate daemonic children and join the rest,
// then the remaining finalizers. Runs at most once per process.
void exitFunction();
// Makes the main process run exitFunction() from atexit (done on the first start or finalizer).
void installExitHandler();

// True once this process has begun its exit sequence (util.is_exiting).
bool isExiting();

// Called in the child right after fork.
void resetAfterFork();

void ignoreSigpipe();

// Runs a process's target and leaves as CPython's _bootstrap does: stdin detached, exit finalizers,
// children joined, a traceback and exit code 1 on an exception, the telemetry drained, then _exit().
[[noreturn]] void runAndExit(const std::function<void()>& target, const std::string& name);

} // namespace mp::detail
