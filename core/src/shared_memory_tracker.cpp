// SPDX-License-Identifier: MIT
// Unlinks the shared memory blocks a process created and forgot, when it exits (item 87).
#include "shared_memory_tracker.h"

#include <mp/shared_memory.h>

#include "runtime.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <new>
#include <sched.h>
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

// CPython's tracker is a process that the children forked after it started share (they inherit its pipe):
// a block one of them registers stays until the tracker ends with its last user, so a child's forgotten block
// outlives the child. Here the process that starts tracking is the session's owner: the names it and the
// children it forks afterwards register go into this table, in memory they all share, and the owner cleans
// them up when it exits (after its children).
struct SharedEntry {
    dev_t device;
    ino_t inode;
    char name[NAME_MAX + 2]; // '/' and up to NAME_MAX characters; empty: a free entry
};
constexpr std::size_t SESSION_ENTRIES = 128;
struct Session {
    std::atomic<int> busy; // a spin lock across processes
    SharedEntry entries[SESSION_ENTRIES];
};

class SessionLock {
public:
    explicit SessionLock(Session& s)
        : m_s(s)
    {
        while (m_s.busy.exchange(1, std::memory_order_acquire) != 0)
            sched_yield();
    }
    ~SessionLock() { m_s.busy.store(0, std::memory_order_release); }
    SessionLock(const SessionLock&) = delete;
    SessionLock& operator=(const SessionLock&) = delete;

private:
    Session& m_s;
};

struct Tracker {
    std::mutex mutex;
    std::vector<Segment> segments; // what did not fit the session's table (or with no session)
    Finalizer atExit;
    Session* session = nullptr; // inherited by forked children, as CPython's tracker pipe is
    bool owner = false;
};

// The exit sequence runs this after children are joined, like CPython's tracker that ends after its users.
constexpr int TRACKER_PRIORITY = INT_MIN;

Tracker& tracker()
{
    static Tracker* t = [] {
        auto* created = new Tracker; // never destroyed: used from the exit sequence
        static const auto alive = std::make_shared<int>();
        // A forked child starts with no blocks of its own; the parent's finalizer does not run in it.
        // (the session, if any, is shared with the parent: its owner cleans it up).
        registerAfterFork(alive, [created] {
            new (&created->mutex) std::mutex;
            created->segments.clear();
            created->atExit = Finalizer();
            created->owner = false;
        });
        return created;
    }();
    return *t;
}

std::string& warningBefore()
{
    static auto* text = new std::string("UserWarning: "); // never freed: used from the exit sequence
    return *text;
}

std::string& warningAfter()
{
    static auto* text = new std::string();
    return *text;
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
        if (Session* session = tracker().owner ? tracker().session : nullptr) {
            SessionLock hold(*session);
            for (SharedEntry& e : session->entries)
                if (e.name[0] != '\0') {
                    left.push_back({ e.name, e.device, e.inode });
                    e.name[0] = '\0';
                }
        }
    }
    std::vector<std::string> leaked;
    for (const Segment& s : left)
        if (stillOurs(s))
            leaked.push_back(s.name);
    if (leaked.empty())
        return;
    const std::string text = warningBefore() + "resource_tracker: There appear to be " + std::to_string(leaked.size())
        + " leaked shared_memory objects to clean up at shutdown" + warningAfter() + "\n";
    std::fputs(text.c_str(), stderr);
    for (const std::string& name : leaked)
        if (shm_unlink(name.c_str()) == -1)
            std::perror(("UserWarning: resource_tracker: '" + name + "'").c_str());
}

// Starts this process's session if it has none (called with t.mutex held).
void startSession(Tracker& t)
{
    if (t.session)
        return;
    void* p = mmap(nullptr, sizeof(Session), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return; // the blocks are then tracked by this process alone
    t.session = new (p) Session {}; // zero-filled: every entry free
    t.owner = true;
    if (!t.atExit)
        t.atExit = Finalizer(TRACKER_PRIORITY, cleanUp);
}

bool addToSession(Session& session, const std::string& name, dev_t device, ino_t inode)
{
    if (name.size() > NAME_MAX + 1)
        return false;
    SessionLock hold(session);
    for (SharedEntry& e : session.entries)
        if (e.name[0] == '\0') {
            e.device = device;
            e.inode = inode;
            std::memcpy(e.name, name.c_str(), name.size() + 1);
            return true;
        }
    return false;
}

} // namespace

void trackSharedMemory(const std::string& name, dev_t device, ino_t inode)
{
    Tracker& t = tracker();
    std::lock_guard lock(t.mutex);
    startSession(t);
    if (t.session && addToSession(*t.session, name, device, inode))
        return;
    t.segments.push_back({ name, device, inode });
    if (!t.atExit)
        t.atExit = Finalizer(TRACKER_PRIORITY, cleanUp);
}

void startTrackerSession()
{
    Tracker& t = tracker();
    std::lock_guard lock(t.mutex);
    startSession(t);
}

void leaveTrackerSession()
{
    Tracker& t = tracker();
    std::lock_guard lock(t.mutex);
    if (!t.owner)
        t.session = nullptr;
}

void untrackSharedMemory(const std::string& name)
{
    Tracker& t = tracker();
    std::lock_guard lock(t.mutex);
    std::erase_if(t.segments, [&](const Segment& s) { return s.name == name; });
    if (t.session) {
        SessionLock hold(*t.session);
        for (SharedEntry& e : t.session->entries)
            if (name == e.name)
                e.name[0] = '\0';
    }
}

} // namespace mp::detail

namespace mp {

void set_shared_memory_leak_warning(std::string before, std::string after)
{
    detail::warningBefore() = std::move(before);
    detail::warningAfter() = std::move(after);
}

} // namespace mp
