// SPDX-License-Identifier: MIT
#pragma once
// multiprocessing.shared_memory.SharedMemory (https://docs.python.org/3/library/multiprocessing.shared_memory.html):
// a named POSIX shared memory block (shm_open + mmap) that any process can attach to by name, with CPython's
// argument checks, names ('psm_' + 8 hex digits), sizes and errors (items 81-88). A handle: copies share one
// mapping, which closes when close() is called or the last copy goes, as Python's __del__ closes it.
//
// Forgotten blocks. CPython 3.11 registers each block with a resource-tracker process; when the tracker
// shuts down, it unlinks what is still registered and warns "UserWarning: resource_tracker: There appear to
// be N leaked shared_memory objects to clean up at shutdown" (item 87). mpstage has no tracker process. The
// first process that creates or attaches a block starts a tracker session, which the children it forks
// afterwards share (as they share CPython's tracker); the blocks they create are registered in it, and
// unlink() from any of them unregisters the name. The session's owner, last in its exit sequence (after its
// children are joined), unlinks every registered block that still exists and is still the same block (same
// inode), and prints CPython's warning text to stderr. So a child's forgotten block outlives the child when
// its parent tracked before forking it, and ends with the child when the child started the session itself,
// as in CPython. It differs in three corners, on the safe side:
// - the owner cleans up at its own exit, even while a child it did not wait for still runs (CPython's tracker
//   waits for its last user);
// - attaching registers nothing here, so bpo-39959 (an attaching process with its own tracker destroying the
//   block when it exits) does not happen;
// - a creator killed by a signal runs no finalizer, so its forgotten blocks stay in /dev/shm.
// close() cannot raise BufferError: C++ spans are not counted exports. Pickling (item 88) is not provided.

#include <mp/object.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace mp {

namespace detail {
struct SharedMemoryState;
}

// For a supervisor that cleans up after a run whose processes were killed (mpstage-host's janitor): told a
// block's name (without the leading '/') just before this process tries to create it, so that a SIGKILL
// between creating and reporting it cannot leave it behind, and told again if the name was not created
// after all (it existed: someone else's block). Set once before the run's first fork; children inherit it.
enum class SharedMemoryIntent { WillCreate, NotCreated };
using SharedMemoryCreateHook = void (*)(const char* name, SharedMemoryIntent intent);
void set_shared_memory_create_hook(SharedMemoryCreateHook hook);

// How the warning about forgotten blocks is printed: `before` + "resource_tracker: There appear to be N
// leaked shared_memory objects to clean up at shutdown" + `after` + "\n". By default before is "UserWarning: "
// and after is empty; a Python host sets what Python's warnings module prints for CPython's tracker (its
// file and line first, the source line after). Set once before the run's first fork.
void set_shared_memory_leak_warning(std::string before, std::string after);

class SharedMemory {
public:
    // SharedMemory(name=None, create=False, size=0). With create, size must be > 0 and a missing name is
    // generated; without it, size is ignored and the block's own size is used.
    explicit SharedMemory(std::optional<std::string> name = std::nullopt, bool create = false, std::int64_t size = 0);
    SharedMemory(NoneType, bool create = false, std::int64_t size = 0)
        : SharedMemory(std::optional<std::string>(), create, size)
    {
    }

    // Without the leading '/'.
    std::string name() const;
    // As fstat reports it: exactly the requested size on Linux.
    std::size_t size() const;
    // The mapping; empty after close() (Python's buf is None then).
    std::span<std::byte> buf() const;
    // Unmaps and closes the descriptor; never destroys the block. A second call does nothing.
    void close();
    // shm_unlink: the name goes, mappings stay valid. A second unlink raises FileNotFoundError.
    void unlink();
    // SharedMemory('psm_0bdab384', size=512)
    std::string repr() const;

private:
    std::shared_ptr<detail::SharedMemoryState> m;
};

} // namespace mp
