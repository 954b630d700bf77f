// SPDX-License-Identifier: MIT
#pragma once
// GCC 12's AddressSanitizer does not lock its allocator around fork() (LLVM fixed it in 18, llvm-project
// #75290). A child forked while another thread of its parent is inside the allocator inherits a lock nobody
// will release, and hangs at its first allocation of that size. So in an ASan build the engine's own threads
// (queue feeders, the telemetry flusher) say where they may allocate, and Process.start() forks only when
// none of them is there. Elsewhere all of this is empty: glibc's malloc locks its arenas around fork().
//
// A thread holds its section while it works and lets go wherever it may wait (for work, for a lock, for
// the pipe), so a fork never waits on anything but allocating code running to its next wait.

namespace mp::detail {

#if defined(__SANITIZE_ADDRESS__)

class AllocatingSection {
public:
    AllocatingSection() { enter(); }
    ~AllocatingSection() { leave(); }
    AllocatingSection(const AllocatingSection&) = delete;
    AllocatingSection& operator=(const AllocatingSection&) = delete;
    void enter();
    void leave();
};

// Held across fork() by the forking thread; released in the parent and in the child.
class ForkSection {
public:
    ForkSection();
    ~ForkSection();
    ForkSection(const ForkSection&) = delete;
    ForkSection& operator=(const ForkSection&) = delete;
};

#else

class AllocatingSection {
public:
    AllocatingSection() { }
    void enter() { }
    void leave() { }
};

class ForkSection {
public:
    ForkSection() { }
};

#endif

// Lets go of a section for a scope that may wait.
class OutsideSection {
public:
    explicit OutsideSection(AllocatingSection& section)
        : m_section(section)
    {
        m_section.leave();
    }
    ~OutsideSection() { m_section.enter(); }
    OutsideSection(const OutsideSection&) = delete;
    OutsideSection& operator=(const OutsideSection&) = delete;

private:
    AllocatingSection& m_section;
};

} // namespace mp::detail
