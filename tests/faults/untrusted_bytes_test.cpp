// SPDX-License-Identifier: MIT
// Decoding never runs code from the data. CPython's pickle would call any importable function a message
// names (here os.system); mp::loads reads CBOR into plain values only, so a pickle made to run a command is
// just bytes it refuses, whether handed to loads() or arriving on a pipe.
#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/pickle.h>

#include "leftovers.h"

#include <sys/stat.h>
#include <unistd.h>

namespace {

class UntrustedBytesTest : public mptest::NoLeftovers {
protected:
    void SetUp() override
    {
        mptest::NoLeftovers::SetUp();
        ::unlink(MARKER);
    }
    static bool markerExists()
    {
        struct stat st { };
        return ::stat(MARKER, &st) == 0;
    }
    static constexpr const char* MARKER = "/tmp/mpstage-pwned";
};

// pickle.dumps(P(), protocol=2) for a class whose __reduce__ returns (os.system, ('touch /tmp/mpstage-pwned',)).
const std::string PICKLE_RUNNING_A_COMMAND(
    "\x80\x02\x63\x70\x6f\x73\x69\x78\x0a\x73\x79\x73\x74\x65\x6d\x0a\x71\x00\x58\x18\x00\x00\x00\x74\x6f\x75\x63"
    "\x68\x20\x2f\x74\x6d\x70\x2f\x6d\x70\x73\x74\x61\x67\x65\x2d\x70\x77\x6e\x65\x64\x71\x01\x85\x71\x02\x52\x71"
    "\x03\x2e",
    56);

TEST_F(UntrustedBytesTest, APickleThatWouldRunACommandIsRefusedAndRunsNothing)
{
    EXPECT_THROW(mp::loads(PICKLE_RUNNING_A_COMMAND), mp::UnpicklingError);
    EXPECT_FALSE(markerExists());
}

TEST_F(UntrustedBytesTest, OnAPipeItIsRefusedByRecvToo)
{
    auto [r, w] = mp::Pipe(false);
    w.send_bytes(PICKLE_RUNNING_A_COMMAND);

    EXPECT_THROW(r.recv(), mp::UnpicklingError);
    EXPECT_FALSE(markerExists());
}

TEST_F(UntrustedBytesTest, OnlyPlainValuesAreBuilt)
{
    // CBOR tags and maps other than the tuple/dict wrappers have no meaning here: refused, not interpreted.
    const std::string tagged("\xc1\x1a\x00\x00\x00\x01", 6); // tag 1 (epoch time) around an integer
    const std::string reduceMap("\xa1\x6a__reduce__\x80", 13); // {"__reduce__": []}
    EXPECT_THROW(mp::loads(tagged), mp::UnpicklingError);
    EXPECT_THROW(mp::loads(reduceMap), mp::UnpicklingError);
}

TEST_F(UntrustedBytesTest, AStrThatIsNotUtf8IsRefusedAsPythonsDecoderWould)
{
    EXPECT_THROW(mp::loads(std::string("\x62\xff\xfe", 3)), mp::UnpicklingError); // str of two bad bytes
    EXPECT_THROW(mp::loads(std::string("\xa1\x61"
                                       "d"
                                       "\xa1\x61\xff\x01",
                     7)),
        mp::UnpicklingError); // {"\xff": 1}
}

TEST_F(UntrustedBytesTest, AKeyGivenTwiceKeepsItsFirstPlaceAndItsLastValueAsInAPythonDict)
{
    // {"d": {"a": 1, "b": 2, "a": 3}}, which dumps() never writes but another writer might
    const mp::Object sut = mp::loads(std::string("\xa1\x61"
                                                 "d"
                                                 "\xa3\x61"
                                                 "a"
                                                 "\x01\x61"
                                                 "b"
                                                 "\x02\x61"
                                                 "a"
                                                 "\x03",
        13));

    EXPECT_EQ(mp::repr(sut), "{'a': 3, 'b': 2}");
}

TEST_F(UntrustedBytesTest, AHugeDeclaredLengthIsNotAllocatedBeforeTheBytesArrive)
{
    // A header claiming 2**62 bytes, then four bytes and end of file: CPython reads what comes and says the
    // message ended early; allocating the claimed size first would fail (or exhaust memory) instead.
    auto [r, w] = mp::Pipe(false);
    const int fd = w.fileno();
    const std::string header("\xff\xff\xff\xff\x40\x00\x00\x00\x00\x00\x00\x00"
                             "tiny",
        16);
    ASSERT_EQ(::write(fd, header.data(), header.size()), 16);
    w.close();

    try {
        r.recv_bytes();
        ADD_FAILURE() << "no exception";
    } catch (const mp::OSError& e) {
        EXPECT_STREQ(e.what(), "got end of file during message");
    }
}

} // namespace
