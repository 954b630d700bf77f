// SPDX-License-Identifier: MIT
// SharedMemory: shared_memory.SharedMemory.__init__, close() and unlink() on POSIX (items 81-86, 88).
#include <mp/errors.h>
#include <mp/shared_memory.h>

#include "actor/probe.h"
#include "posix_call.h"
#include "shared_memory_tracker.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mp {

namespace detail {

struct SharedMemoryState {
    std::string name; // with the leading '/', as passed to shm_open
    int fd = -1;
    std::byte* map = nullptr;
    std::size_t size = 0;

    ~SharedMemoryState() { close(); }
    void close()
    {
        if (map) {
            munmap(map, size);
            map = nullptr;
        }
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }
};

} // namespace detail

namespace {

constexpr mode_t MODE = 0600;

// '/psm_' + token_hex(4): 14 characters at most, for FreeBSD (item 82).
std::string makeFilename()
{
    unsigned char random[4] = {};
    std::size_t got = 0;
    while (got < sizeof random) {
        const ssize_t n = getrandom(random + got, sizeof random - got, 0);
        if (n < 0 && errno != EINTR)
            raise_os_error(errno);
        if (n > 0)
            got += static_cast<std::size_t>(n);
    }
    char hex[9];
    std::snprintf(hex, sizeof hex, "%02x%02x%02x%02x", random[0], random[1], random[2], random[3]);
    return std::string("/psm_") + hex;
}

SharedMemoryCreateHook g_createHook = nullptr;

int shmOpen(const std::string& name, int flags)
{
    const bool creating = (flags & O_CREAT) != 0 && g_createHook;
    if (creating)
        g_createHook(name.c_str() + 1, SharedMemoryIntent::WillCreate);
    const int fd = detail::retryEintr([&] { return shm_open(name.c_str(), flags, MODE); });
    if (creating && fd < 0) {
        const int err = errno;
        g_createHook(name.c_str() + 1, SharedMemoryIntent::NotCreated);
        errno = err;
    }
    return fd;
}

} // namespace

void set_shared_memory_create_hook(SharedMemoryCreateHook hook)
{
    g_createHook = hook;
}

SharedMemory::SharedMemory(std::optional<std::string> name, bool create, std::int64_t size)
    : m(std::make_shared<detail::SharedMemoryState>())
{
    if (size < 0)
        throw ValueError("'size' must be a positive integer");
    int flags = O_RDWR;
    if (create) {
        flags |= O_CREAT | O_EXCL;
        if (size == 0)
            throw ValueError("'size' must be a positive number different from zero");
    }
    if (!name && !create)
        throw ValueError("'name' can only be None if create=True");

    if (!name) {
        for (;;) { // a generated name that exists already is simply drawn again
            m->name = makeFilename();
            m->fd = shmOpen(m->name, flags);
            if (m->fd >= 0 || errno != EEXIST)
                break;
        }
    } else {
        m->name = "/" + *name;
        m->fd = shmOpen(m->name, flags);
    }
    if (m->fd < 0) {
        const int err = errno;
        const std::string attempted = std::move(m->name);
        m->name.clear(); // Python's _name stays None: nothing to unlink
        raise_os_error(err, attempted);
    }

    struct stat st { };
    try {
        if (create)
            detail::posixCall([&] { return ftruncate(m->fd, static_cast<off_t>(size)); });
        detail::posixCall([&] { return fstat(m->fd, &st); });
        m->size = static_cast<std::size_t>(st.st_size);
        if (m->size == 0) // mmap.mmap's ValueError is no OSError: the block is not unlinked
            throw ValueError("cannot mmap an empty file");
        void* p = mmap(nullptr, m->size, PROT_READ | PROT_WRITE, MAP_SHARED, m->fd, 0);
        if (p == MAP_FAILED)
            raise_os_error(errno);
        m->map = static_cast<std::byte*>(p);
    } catch (const OSError&) {
        shm_unlink(m->name.c_str()); // as CPython's `except OSError: self.unlink(); raise`
        throw;
    }
    if (create) {
        detail::trackSharedMemory(m->name, st.st_dev, st.st_ino);
        // In an observed run the block's name is reported at once (label = name, b = size): when the run is
        // stopped, or its creator killed, before unlink(), the host removes the block, as CPython's resource
        // tracker does at shutdown. Flushed now, so a kill a moment later cannot lose the name.
        if (telemetry::g_actor) {
            telemetry::g_actor->newObject(
                telemetry::ObjectKind::SharedMemory, static_cast<std::int64_t>(m->size), m->name.substr(1));
            telemetry::g_actor->flush();
        }
    } else {
        detail::startTrackerSession(); // CPython's tracker starts on an attach too (it registers the name)
    }
}

std::string SharedMemory::name() const
{
    return m->name.empty() ? std::string() : m->name.substr(1);
}

std::size_t SharedMemory::size() const
{
    return m->size;
}

std::span<std::byte> SharedMemory::buf() const
{
    return m->map ? std::span<std::byte>(m->map, m->size) : std::span<std::byte>();
}

void SharedMemory::close()
{
    m->close();
}

void SharedMemory::unlink()
{
    if (m->name.empty())
        return;
    if (shm_unlink(m->name.c_str()) == -1)
        raise_os_error(errno, m->name); // and, as in CPython, the tracker keeps the name
    detail::untrackSharedMemory(m->name);
}

std::string SharedMemory::repr() const
{
    return "SharedMemory(" + mp::repr(name()) + ", size=" + std::to_string(size()) + ")";
}

} // namespace mp
