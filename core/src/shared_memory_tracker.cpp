// SPDX-License-Identifier: MIT
// Unlinks the shared memory blocks a process created and forgot, when it exits (item 87).
#include "shared_memory_tracker.h"

#include "runtime.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <new>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace mp::detail {

namespace {

struct Segment {
    std::string name;
    dev_t device;
    ino_t inode;
};

struct Tracker {
    std::mutex mutex;
    std::vector<Segment> segments;
    Finalizer atExit;
};

// The exit sequence runs this after children are joined, like CPython's tracker that ends after its users.
constexpr int TRACKER_PRIORITY = INT_MIN;

Tracker& tracker()
{
    static Tracker* t = [] {
        auto* created = new Tracker; // never destroyed: used from the exit sequence
        static const auto alive = std::make_shared<int>();
        // A forked child starts with no blocks of its own; the parent's finalizer does not run in it.
        registerAfterFork(alive, [created] {
            new (&created->mutex) std::mutex;
            created->segments.clear();
            created->atExit = Finalizer();
        });
        return created;
    }();
    return *t;
}

bool stillOurs(const Segment& s)
{
    const int fd = shm_open(s.name.c_str(), O_RDONLY, 0);
    if (fd < 0)
        return false; // unlinked by another process: it unregistered it, as far as CPython is concerned
    struct stat st { };
    const bool same = fstat(fd, &st) == 0 && st.st_dev == s.device && st.st_ino == s.inode;
    ::close(fd);
    return same;
}

void cleanUp()
{
    std::vector<Segment> left;
    {
        std::lock_guard lock(tracker().mutex);
        left.swap(tracker().segments);
    }
    std::vector<std::string> leaked;
    for (const Segment& s : left)
        if (stillOurs(s))
            leaked.push_back(s.name);
    if (leaked.empty())
        return;
    std::fprintf(stderr,
        "UserWarning: resource_tracker: There appear to be %zu leaked shared_memory objects to clean up at "
        "shutdown\n",
        leaked.size());
    for (const std::string& name : leaked)
        if (shm_unlink(name.c_str()) == -1)
            std::perror(("UserWarning: resource_tracker: '" + name + "'").c_str());
}

} // namespace

void trackSharedMemory(const std::string& name, dev_t device, ino_t inode)
{
    Tracker& t = tracker();
    std::lock_guard lock(t.mutex);
    t.segments.push_back({ name, device, inode });
    if (!t.atExit)
        t.atExit = Finalizer(TRACKER_PRIORITY, cleanUp);
}

void untrackSharedMemory(const std::string& name)
{
    Tracker& t = tracker();
    std::lock_guard lock(t.mutex);
    std::erase_if(t.segments, [&](const Segment& s) { return s.name == name; });
}

} // namespace mp::detail
