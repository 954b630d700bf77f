// SPDX-License-Identifier: MIT
#include "runtime.h"
#include "runtime_access.h"

#include <mp/process.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <map>
#include <mutex>
#include <unistd.h>
#include <vector>

namespace mp::detail {

namespace {

struct AfterFork {
    std::weak_ptr<void> alive;
    std::function<void()> fn;
};

struct Registry {
    std::mutex mutex;
    std::vector<AfterFork> afterFork;
    // (priority, id) -> callback; run highest priority first, and for equal priority newest first.
    std::map<std::pair<int, unsigned long>, std::function<void()>> finalizers;
    unsigned long nextId = 1;
    bool exited = false;
    bool atexitInstalled = false;
};

Registry& registry()
{
    static auto* r = new Registry; // never destroyed: exit handlers use it after static destruction begins
    return *r;
}

void runFinalizers(std::optional<int> minPriority)
{
    for (;;) {
        std::function<void()> fn;
        {
            std::lock_guard lock(registry().mutex);
            auto& f = registry().finalizers;
            if (f.empty())
                break;
            auto it = std::prev(f.end());
            if (minPriority && it->first.first < *minPriority)
                break;
            fn = std::move(it->second);
            f.erase(it);
        }
        fn();
    }
}

void installAtexitOnce()
{
    std::lock_guard lock(registry().mutex);
    if (registry().atexitInstalled)
        return;
    registry().atexitInstalled = true;
    std::atexit([] { exitFunction(); });
}

} // namespace

void installExitHandler()
{
    installAtexitOnce();
}

void registerAfterFork(std::weak_ptr<void> alive, std::function<void()> fn)
{
    std::lock_guard lock(registry().mutex);
    auto& hooks = registry().afterFork;
    std::erase_if(hooks, [](const AfterFork& h) { return h.alive.expired(); });
    hooks.push_back({ std::move(alive), std::move(fn) });
}

Finalizer::Finalizer(int priority, std::function<void()> fn)
{
    installExitHandler();
    std::lock_guard lock(registry().mutex);
    m_id = registry().nextId++;
    registry().finalizers.emplace(std::make_pair(priority, m_id), std::move(fn));
}

namespace {
std::function<void()> takeFinalizer(unsigned long id)
{
    std::lock_guard lock(registry().mutex);
    auto& f = registry().finalizers;
    auto it = std::find_if(f.begin(), f.end(), [id](const auto& kv) { return kv.first.second == id; });
    if (it == f.end())
        return {};
    auto fn = std::move(it->second);
    f.erase(it);
    return fn;
}
} // namespace

void Finalizer::cancel()
{
    takeFinalizer(m_id);
    m_id = 0;
}

void Finalizer::operator()()
{
    if (auto fn = takeFinalizer(m_id))
        fn();
    m_id = 0;
}

void exitFunction()
{
    {
        std::lock_guard lock(registry().mutex);
        if (registry().exited)
            return;
        registry().exited = true;
    }
    runFinalizers(0);
    for (Process& p : active_children())
        if (p.daemon())
            p.terminate();
    for (Process& p : active_children())
        p.join();
    runFinalizers(std::nullopt);
}

bool isExiting()
{
    std::lock_guard lock(registry().mutex);
    return registry().exited;
}

void resetAfterFork()
{
    std::vector<AfterFork> hooks;
    {
        Registry& r = registry();
        // The fork copied a registry whose mutex another thread may have held: start from a fresh one.
        new (&r.mutex) std::mutex;
        r.finalizers.clear();
        r.exited = false;
        r.atexitInstalled = true; // the child leaves through exitFunction() explicitly
        hooks = r.afterFork;
    }
    RuntimeAccess::forgetChildren();
    for (auto& h : hooks)
        if (auto keep = h.alive.lock())
            h.fn();
}

void ignoreSigpipe()
{
    static std::once_flag once;
    std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

} // namespace mp::detail
