// SPDX-License-Identifier: MIT
// Connection behaviour that one process can observe: framing, argument checks, errors (CPython items 31-44).
#include <mp/connection.h>

#include <gtest/gtest.h>

#include "raises.h"

#include <array>
#include <cstring>

namespace {

using mptest::messageOf;

TEST(ConnectionTest, DuplexEndsBothSendAndReceive)
{
    auto [a, b] = mp::Pipe();
    a.send(mp::tuple { 3, 4 });
    b.send("back");
    EXPECT_EQ(b.recv(), mp::Object(mp::tuple { 3, 4 }));
    EXPECT_EQ(a.recv(), mp::Object("back"));
    EXPECT_TRUE(a.readable() && a.writable());
}

TEST(ConnectionTest, SimplexFirstEndReadsSecondEndWrites)
{
    auto [r, w] = mp::Pipe(false);
    EXPECT_TRUE(r.readable());
    EXPECT_FALSE(r.writable());
    EXPECT_EQ(messageOf<mp::OSError>([&] { r.send(1); }), "connection is read-only");
    EXPECT_EQ(messageOf<mp::OSError>([&] { w.recv(); }), "connection is write-only");
    EXPECT_EQ(messageOf<mp::OSError>([&] { w.poll(); }), "connection is write-only");
}

TEST(ConnectionTest, ClosedHandleRaisesAndCloseTwiceIsFine)
{
    auto [a, b] = mp::Pipe();
    a.close();
    a.close();
    EXPECT_TRUE(a.closed());
    EXPECT_EQ(messageOf<mp::OSError>([&] { a.send(1); }), "handle is closed");
    EXPECT_EQ(messageOf<mp::OSError>([&] { a.recv(); }), "handle is closed");
    EXPECT_EQ(messageOf<mp::OSError>([&] { a.fileno(); }), "handle is closed");
    EXPECT_TRUE(a.readable()); // the flags do not change on close
}

TEST(ConnectionTest, MessageBoundariesAreKeptAndEmptyMessagesAreReal)
{
    auto [a, b] = mp::Pipe();
    EXPECT_FALSE(b.poll());
    a.send_bytes("a");
    a.send_bytes("b");
    a.send_bytes("");
    EXPECT_EQ(b.recv_bytes().view(), "a");
    EXPECT_EQ(b.recv_bytes().view(), "b");
    EXPECT_TRUE(b.poll());
    EXPECT_EQ(b.recv_bytes().view(), "");
}

TEST(ConnectionTest, SendBytesChecksArgumentsInPythonsOrder)
{
    auto [a, b] = mp::Pipe();
    EXPECT_EQ(messageOf<mp::ValueError>([&] { a.send_bytes("abc", -1); }), "offset is negative");
    EXPECT_EQ(messageOf<mp::ValueError>([&] { a.send_bytes("abc", 4); }), "buffer length < offset");
    EXPECT_EQ(messageOf<mp::ValueError>([&] { a.send_bytes("abc", 1, -1); }), "size is negative");
    EXPECT_EQ(messageOf<mp::ValueError>([&] { a.send_bytes("abc", 1, 3); }), "buffer length < offset + size");
    EXPECT_FALSE(b.poll()); // nothing was sent by a failed check

    a.send_bytes("abcdef", 2, 3);
    a.send_bytes("abc", 3);
    EXPECT_EQ(b.recv_bytes().view(), "cde");
    EXPECT_EQ(b.recv_bytes().view(), "");
}

TEST(ConnectionTest, RecvBytesTooLongPoisonsADuplexEnd)
{
    auto [a, b] = mp::Pipe();
    a.send_bytes("12345");
    a.send_bytes("ok");
    EXPECT_EQ(messageOf<mp::ValueError>([&] { b.recv_bytes(-1); }), "negative maxlength");

    EXPECT_EQ(messageOf<mp::OSError>([&] { b.recv_bytes(4); }), "bad message length");

    EXPECT_FALSE(b.readable());
    EXPECT_EQ(messageOf<mp::OSError>([&] { b.recv_bytes(); }), "connection is write-only");
}

TEST(ConnectionTest, RecvBytesTooLongClosesAReadOnlyEnd)
{
    auto [r, w] = mp::Pipe(false);
    w.send_bytes("12345");
    EXPECT_EQ(messageOf<mp::OSError>([&] { r.recv_bytes(4); }), "bad message length");
    EXPECT_TRUE(r.closed());
    EXPECT_EQ(messageOf<mp::OSError>([&] { r.recv_bytes(); }), "handle is closed");
}

TEST(ConnectionTest, MaxlengthEqualToTheMessageIsFine)
{
    auto [a, b] = mp::Pipe();
    a.send_bytes("1234");
    EXPECT_EQ(b.recv_bytes(4).view(), "1234");
}

TEST(ConnectionTest, RecvBytesIntoWritesAtOffsetAndReturnsLength)
{
    auto [a, b] = mp::Pipe();
    std::array<std::byte, 8> buf {};
    a.send_bytes("xyz");
    EXPECT_EQ(b.recv_bytes_into(buf, 2), 3U);
    EXPECT_EQ(std::memcmp(buf.data() + 2, "xyz", 3), 0);
}

TEST(ConnectionTest, RecvBytesIntoTooSmallRaisesBufferTooShortWithTheWholeMessage)
{
    auto [a, b] = mp::Pipe();
    std::array<std::byte, 4> buf {};
    EXPECT_EQ(messageOf<mp::ValueError>([&] { b.recv_bytes_into(buf, -1); }), "negative offset");
    EXPECT_EQ(messageOf<mp::ValueError>([&] { b.recv_bytes_into(buf, 5); }), "offset too large");
    a.send_bytes("too long");
    a.send_bytes("next");

    try {
        b.recv_bytes_into(buf, 1);
        FAIL() << "no BufferTooShort";
    } catch (const mp::BufferTooShort& e) {
        EXPECT_EQ(e.message().view(), "too long");
        EXPECT_STREQ(e.what(), "b'too long'");
    }
    EXPECT_EQ(buf, (std::array<std::byte, 4> {})); // untouched
    EXPECT_EQ(b.recv_bytes().view(), "next"); // the long message was consumed
}

TEST(ConnectionTest, PollNeverConsumesAndHonoursTimeouts)
{
    auto [a, b] = mp::Pipe();
    EXPECT_FALSE(b.poll(0.05));
    EXPECT_FALSE(b.poll(-1.0));
    a.send(42);
    EXPECT_TRUE(b.poll(std::nullopt));
    EXPECT_TRUE(b.poll());
    EXPECT_EQ(b.recv(), mp::Object(42));
}

TEST(ConnectionTest, BytesThatAreNotAnEncodedObjectRaiseUnpicklingError)
{
    auto [a, b] = mp::Pipe();
    a.send_bytes("\xa1\x61x\x01");
    EXPECT_THROW(b.recv(), mp::UnpicklingError);
}

TEST(ConnectionTest, WritingWithNoReaderLeftIsABrokenPipe)
{
    auto [r, w] = mp::Pipe(false);
    r.close();
    EXPECT_EQ(messageOf<mp::BrokenPipeError>([&] { w.send(1); }), "[Errno 32] Broken pipe");
}

} // namespace
