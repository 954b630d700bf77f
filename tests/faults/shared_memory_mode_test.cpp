// SPDX-License-Identifier: MIT
// What the engine puts in /dev/shm is readable and writable by its owner only (mode 0600, as CPython's
// SharedMemory creates it), whatever the umask; and the primitives that need no name (Value, Array, locks,
// queues, the telemetry control block) put nothing there at all.
#include <mp/mp.h>

#include "leftovers.h"

#include <sys/stat.h>

namespace {

class SharedMemoryModeTest : public mptest::NoLeftovers { };

// Restores the umask when the test is over, pass or fail.
struct Umask {
    explicit Umask(mode_t mask)
        : previous(::umask(mask))
    {
    }
    ~Umask() { ::umask(previous); }
    mode_t previous;
};

TEST_F(SharedMemoryModeTest, ANamedBlockIsCreatedOwnerOnlyEvenUnderAPermissiveUmask)
{
    const Umask open(0);
    mp::SharedMemory sut(std::nullopt, true, 64);

    struct stat st { };
    ASSERT_EQ(::stat(("/dev/shm/" + sut.name()).c_str(), &st), 0) << sut.name();
    EXPECT_EQ(st.st_mode & 0777, 0600U);
    EXPECT_EQ(st.st_uid, ::geteuid());
    sut.close();
    sut.unlink();
}

TEST_F(SharedMemoryModeTest, UnnamedPrimitivesLeaveNoTraceInDevShm)
{
    const auto before = mptest::shmEntries();
    {
        mp::Value v('i', 0);
        mp::Array a('d', 8);
        mp::Lock lock;
        mp::RLock rlock;
        mp::Queue q;
        q.put(1);
        EXPECT_EQ(q.get(), mp::Object(1));
        EXPECT_EQ(mptest::shmEntries(), before);
    }
}

} // namespace
