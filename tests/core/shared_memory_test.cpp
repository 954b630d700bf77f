// SPDX-License-Identifier: MIT
// shared_memory.SharedMemory across processes: names, sizes, errors, close/unlink and forgotten blocks
// (CPython items 81-88).
#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/process.h>
#include <mp/shared_memory.h>

#include "shared_memory_tracker.h"

#include "leftovers.h"
#include "raises.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <regex>
#include <string_view>
#include <unistd.h>

namespace {

class SharedMemoryTest : public mptest::NoLeftovers {
protected:
    // Unique per test and per run, so parallel runs and earlier crashes do not collide.
    std::string uniqueName(const std::string& tag) const
    {
        return "mpstage_test_" + tag + "_" + std::to_string(::getpid());
    }
};

using mptest::messageOf;

std::string_view text(std::span<std::byte> buf, std::size_t n)
{
    return std::string_view(reinterpret_cast<const char*>(buf.data()), n);
}

// Runs body in a child whose stderr goes to a pipe; finish() joins it and returns what it wrote, exit
// sequence included.
class StderrCapture {
public:
    template <typename Fn>
    explicit StderrCapture(Fn body)
        : m_fds(makePipe())
        , m_child([fd = m_fds[1], body] {
            ::dup2(fd, 2);
            body();
        })
    {
        m_child.start();
        ::close(m_fds[1]);
    }
    std::string finish()
    {
        m_child.join();
        std::string out;
        char chunk[256];
        for (ssize_t n; (n = ::read(m_fds[0], chunk, sizeof chunk)) > 0;)
            out.append(chunk, static_cast<std::size_t>(n));
        ::close(m_fds[0]);
        return out;
    }

private:
    static std::array<int, 2> makePipe()
    {
        std::array<int, 2> fds {};
        if (::pipe(fds.data()) != 0)
            throw std::runtime_error("pipe");
        return fds;
    }
    std::array<int, 2> m_fds;
    mp::Process m_child;
};

constexpr const char* LEAK_WARNING
    = "UserWarning: resource_tracker: There appear to be 1 leaked shared_memory objects to clean up at shutdown";

TEST_F(SharedMemoryTest, ABlockWrittenByOneProcessIsReadByAnother)
{
    mp::SharedMemory sut(mp::None, true, 64);
    const std::string name = sut.name();

    mp::Process writer([&] {
        mp::SharedMemory attached(name);
        std::memcpy(attached.buf().data(), "from the child", 14);
        attached.close();
    });
    writer.start();
    writer.join();

    EXPECT_EQ(writer.exitcode(), 0);
    EXPECT_EQ(text(sut.buf(), 14), "from the child");
    sut.close();
    sut.unlink();
    EXPECT_THROW(mp::SharedMemory { name }, mp::FileNotFoundError);
}

TEST_F(SharedMemoryTest, GeneratedNamesAndExactSizes)
{
    mp::SharedMemory sut(std::nullopt, true, 4097);
    mp::SharedMemory tiny(mp::None, true, 1);

    EXPECT_TRUE(std::regex_match(sut.name(), std::regex("psm_[0-9a-f]{8}")));
    EXPECT_NE(sut.name(), tiny.name());
    EXPECT_EQ(sut.size(), 4097u);
    EXPECT_EQ(tiny.size(), 1u);
    EXPECT_EQ(sut.buf().size(), 4097u);
    EXPECT_EQ(sut.repr(), "SharedMemory('" + sut.name() + "', size=4097)");
    EXPECT_TRUE(std::all_of(sut.buf().begin(), sut.buf().end(), [](std::byte b) { return b == std::byte { 0 }; }));
    sut.unlink();
    tiny.unlink();
}

TEST_F(SharedMemoryTest, AttachingUsesTheBlocksOwnSize)
{
    const std::string name = uniqueName("attach_size");
    mp::SharedMemory created(name, true, 4097);

    mp::SharedMemory sut(name, false, 1);

    EXPECT_EQ(sut.size(), 4097u);
    EXPECT_EQ(sut.name(), name);
    created.unlink();
}

TEST_F(SharedMemoryTest, ArgumentsAreCheckedInCPythonsOrder)
{
    EXPECT_EQ(
        messageOf<mp::ValueError>([] { mp::SharedMemory(mp::None, true, -1); }), "'size' must be a positive integer");
    EXPECT_EQ(
        messageOf<mp::ValueError>([] { mp::SharedMemory(mp::None, false, -5); }), "'size' must be a positive integer");
    EXPECT_EQ(messageOf<mp::ValueError>([] { mp::SharedMemory(mp::None, true); }),
        "'size' must be a positive number different from zero");
    EXPECT_EQ(messageOf<mp::ValueError>([] { mp::SharedMemory(); }), "'name' can only be None if create=True");
}

TEST_F(SharedMemoryTest, AttachingAMissingNameRaisesFileNotFoundError)
{
    const std::string name = uniqueName("missing");

    try {
        mp::SharedMemory sut(name);
        FAIL() << "attached to a block that does not exist";
    } catch (const mp::FileNotFoundError& e) {
        EXPECT_EQ(e.errnum(), 2);
        EXPECT_EQ(e.filename(), "/" + name);
        EXPECT_EQ(std::string(e.what()), "[Errno 2] No such file or directory: '/" + name + "'");
    }
}

TEST_F(SharedMemoryTest, CreatingAnExistingNameRaisesFileExistsError)
{
    const std::string name = uniqueName("exists");
    mp::SharedMemory first(name, true, 16);

    try {
        mp::SharedMemory sut(name, true, 16);
        ADD_FAILURE() << "created a block twice";
    } catch (const mp::FileExistsError& e) {
        EXPECT_EQ(e.errnum(), 17);
        EXPECT_EQ(std::string(e.what()), "[Errno 17] File exists: '/" + name + "'");
    }
    first.unlink();
}

TEST_F(SharedMemoryTest, CloseKeepsTheBlockAndMayBeRepeated)
{
    const std::string name = uniqueName("close");
    mp::SharedMemory sut(name, true, 32);
    sut.buf()[0] = std::byte { 42 };

    sut.close();
    sut.close();
    mp::SharedMemory again(name);

    EXPECT_TRUE(sut.buf().empty());
    EXPECT_EQ(sut.size(), 32u);
    EXPECT_EQ(again.buf()[0], std::byte { 42 });
    again.unlink();
}

TEST_F(SharedMemoryTest, UnlinkRemovesTheNameButNotTheMappings)
{
    const std::string name = uniqueName("unlink");
    mp::SharedMemory sut(name, true, 32);
    mp::SharedMemory other(name);

    sut.unlink();
    other.buf()[3] = std::byte { 7 };

    EXPECT_EQ(sut.buf()[3], std::byte { 7 });
    EXPECT_THROW(mp::SharedMemory { name }, mp::FileNotFoundError);
    EXPECT_EQ(messageOf<mp::FileNotFoundError>([&] { sut.unlink(); }),
        "[Errno 2] No such file or directory: '/" + name + "'");
}

TEST_F(SharedMemoryTest, AForgottenBlockIsUnlinkedWhenItsCreatorExits)
{
    const std::string name = uniqueName("forgotten");

    StderrCapture creator([&] {
        mp::detail::leaveTrackerSession(); // this test process may have tracked blocks already
        mp::SharedMemory leaked(name, true, 16);
    });
    const std::string err = creator.finish();

    EXPECT_NE(err.find(LEAK_WARNING), std::string::npos) << err;
    EXPECT_THROW(mp::SharedMemory { name }, mp::FileNotFoundError);
}

// CPython's children share the tracker their parent started before forking them: a block a child creates and
// forgets stays until the parent's tracker ends.
TEST_F(SharedMemoryTest, AForgottenBlockOfAChildOutlivesItWhenTheParentTracks)
{
    const std::string name = uniqueName("child_forgot");
    mp::SharedMemory parents(std::nullopt, true, 8); // the parent tracks from here on

    StderrCapture creator([&] { mp::SharedMemory forgotten(name, true, 16); });
    const std::string err = creator.finish();

    EXPECT_EQ(err, "");
    mp::SharedMemory kept(name);
    EXPECT_EQ(kept.size(), 16u);
    kept.unlink();
    parents.unlink();
}

TEST_F(SharedMemoryTest, ABlockUnlinkedByAnotherProcessIsNotReportedAsLeaked)
{
    const std::string name = uniqueName("unlinked_elsewhere");
    auto [created, createdIn] = mp::Pipe(false);
    auto [done, doneIn] = mp::Pipe(false);
    StderrCapture creator([&] {
        mp::SharedMemory block(name, true, 16);
        createdIn.send("created");
        done.recv(); // the parent unlinks it meanwhile
    });

    created.recv();
    mp::SharedMemory(name).unlink();
    doneIn.send("go");
    const std::string err = creator.finish();

    EXPECT_EQ(err, "");
}

TEST_F(SharedMemoryTest, ABlockItsCreatorUnlinkedProducesNoWarning)
{
    const std::string name = uniqueName("unlinked");

    StderrCapture creator([&] {
        mp::SharedMemory block(name, true, 16);
        block.unlink();
    });
    const std::string err = creator.finish();

    EXPECT_EQ(err, "");
}

} // namespace
