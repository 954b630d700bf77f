// SPDX-License-Identifier: MIT
#include "fork_gate.h"

#if defined(__SANITIZE_ADDRESS__)

#include <atomic>
#include <mutex>
#include <thread>

namespace mp::detail {

namespace {
std::mutex g_gate; // held by a fork; a section is entered under it, so none starts while a fork waits
std::atomic<int> g_inside { 0 };
} // namespace

void AllocatingSection::enter()
{
    std::lock_guard lock(g_gate);
    g_inside.fetch_add(1);
}

void AllocatingSection::leave()
{
    g_inside.fetch_sub(1);
}

ForkSection::ForkSection()
{
    g_gate.lock();
    while (g_inside.load() != 0)
        std::this_thread::yield();
}

// In the child the forking thread is the only one: the mutex it locked before the fork is its own to release.
ForkSection::~ForkSection()
{
    g_gate.unlock();
}

} // namespace mp::detail

#endif
