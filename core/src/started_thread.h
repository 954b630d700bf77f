// SPDX-License-Identifier: MIT
#pragma once
// A thread that has started by the time the call returns, as CPython's Thread.start() waits on the new
// thread's _started event before it returns (Lib/threading.py).
//
// It also keeps a fork() from landing while the thread is still starting up. GCC 12's AddressSanitizer
// allocates in a starting thread (AsanThread::Init -> pthread_getattr_np -> realloc) and does not lock its
// allocator around fork() (fixed in LLVM 18, llvm-project #75290): a process that put() on a queue and
// forked at once left its child's allocator locked for good, and the child hung on its first allocation.

#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

namespace mp::detail {

template <typename Fn> std::thread startedThread(Fn&& fn)
{
    std::mutex mutex;
    std::condition_variable cv;
    bool started = false;
    std::thread thread([&, fn = std::forward<Fn>(fn)]() mutable {
        {
            // Notified under the lock: the caller cannot return, and take these with it, before it is released.
            std::lock_guard lock(mutex);
            started = true;
            cv.notify_one();
        }
        fn();
    });
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return started; });
    return thread;
}

} // namespace mp::detail
