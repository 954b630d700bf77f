// SPDX-License-Identifier: MIT
// The telemetry decoder: round trips, partial input, and every malformed stream it must refuse with a
// position instead of crashing (core/TELEMETRY.md, "Decoding").
#include <mp/telemetry/wire.h>

#include <gtest/gtest.h>

#include <climits>
#include <vector>

namespace {

using namespace mp::telemetry;

Event sample(std::uint32_t seq)
{
    return Event { .type = EventType::GetReturned,
        .thread = 2,
        .actor = ActorId { 7 },
        .timeNs = 123'456'789'012ULL + seq,
        .seq = seq,
        .object = ObjectId { 3 },
        .item = ItemId { (std::uint64_t { 7 } << 40) | 9 },
        .a = -5,
        .b = 1LL << 40,
        .text = "'héllo'",
        .detail = "detail" };
}

std::string stream(const std::vector<Event>& events, std::uint16_t minor = VERSION_MINOR)
{
    std::string out = streamHeader(minor);
    for (const Event& e : events)
        encodeFrame(out, e);
    return out;
}

std::vector<Event> drain(Decoder& d)
{
    std::vector<Event> out;
    while (auto e = d.next())
        out.push_back(std::move(*e));
    return out;
}

// Runs the decoder over the whole input and returns the offset of the error it reports.
std::uint64_t errorOffset(const std::string& bytes)
{
    Decoder sut;
    sut.feed(bytes);
    try {
        drain(sut);
        sut.finish();
    } catch (const DecodeError& e) {
        return e.offset();
    }
    ADD_FAILURE() << "no error";
    return 0;
}

void setU16(std::string& bytes, std::size_t at, std::uint16_t v)
{
    bytes[at] = static_cast<char>(v & 0xff);
    bytes[at + 1] = static_cast<char>(v >> 8);
}

TEST(WireTest, EventsSurviveARoundTrip)
{
    const std::vector<Event> events { sample(0), sample(1), Event { .type = EventType::GatePassed } };
    Decoder sut;

    sut.feed(stream(events));

    EXPECT_EQ(drain(sut), events);
    EXPECT_NO_THROW(sut.finish());
    EXPECT_EQ(sut.minorVersion(), VERSION_MINOR);
}

TEST(WireTest, AFrameWithoutStringsIsFiftyFourBytes)
{
    std::string out;
    encodeFrame(out, Event { .type = EventType::Line });
    EXPECT_EQ(out.size(), FRAME_FIXED_SIZE);
}

TEST(WireTest, FeedingByteByByteGivesTheSameEvents)
{
    const std::vector<Event> events { sample(0), sample(1), sample(2) };
    const std::string bytes = stream(events);
    Decoder sut;
    std::vector<Event> out;

    for (const char c : bytes) {
        sut.feed(std::string_view(&c, 1));
        for (auto e = sut.next(); e; e = sut.next())
            out.push_back(std::move(*e));
    }

    EXPECT_EQ(out, events);
    EXPECT_EQ(sut.offset(), bytes.size());
}

TEST(WireTest, LongTextIsCutOnACharacterBoundary)
{
    Event e = sample(0);
    e.text = std::string(MAX_TEXT - 4, 'x') + "ééé";
    Decoder sut;

    sut.feed(stream({ e }));
    const auto decoded = sut.next();

    ASSERT_TRUE(decoded);
    EXPECT_LE(decoded->text.size(), MAX_TEXT);
    EXPECT_EQ(decoded->text.substr(decoded->text.size() - 3), "...");
    EXPECT_EQ(decoded->text.substr(0, MAX_TEXT - 4), std::string(MAX_TEXT - 4, 'x'));
    EXPECT_EQ(decoded->text.size(), MAX_TEXT - 4 + 3); // the é cut in half is dropped whole
}

TEST(WireTest, ABadMagicIsRefusedAtByteZero)
{
    std::string bytes = stream({ sample(0) });
    bytes[0] = 'X';
    EXPECT_EQ(errorOffset(bytes), 0u);
}

TEST(WireTest, AnotherMajorVersionIsRefused)
{
    std::string bytes = stream({ sample(0) });
    setU16(bytes, 4, VERSION_MAJOR + 1);
    EXPECT_EQ(errorOffset(bytes), 4u);
}

TEST(WireTest, FrameLengthsOutsideTheirBoundsAreRefused)
{
    std::string shortFrame = stream({ sample(0) });
    setU16(shortFrame, STREAM_HEADER_SIZE, static_cast<std::uint16_t>(FRAME_FIXED_SIZE - 3));
    std::string longFrame = stream({ sample(0) });
    setU16(longFrame, STREAM_HEADER_SIZE, static_cast<std::uint16_t>(PIPE_BUF));

    EXPECT_EQ(errorOffset(shortFrame), STREAM_HEADER_SIZE);
    EXPECT_EQ(errorOffset(longFrame), STREAM_HEADER_SIZE);
}

TEST(WireTest, AStreamEndingInsideAFrameFailsAtFinish)
{
    const std::string bytes = stream({ sample(0), sample(1) });
    Decoder sut;
    sut.feed(std::string_view(bytes).substr(0, bytes.size() - 1));

    EXPECT_EQ(drain(sut).size(), 1u);
    try {
        sut.finish();
        FAIL() << "finish() accepted a truncated stream";
    } catch (const DecodeError& e) {
        EXPECT_EQ(e.offset(), bytes.size() / 2 + STREAM_HEADER_SIZE / 2);
    }
}

TEST(WireTest, AStreamEndingInsideTheHeaderOrEmptyFailsAtFinish)
{
    Decoder empty;
    Decoder partial;
    partial.feed("MPS");

    EXPECT_THROW(empty.finish(), DecodeError);
    EXPECT_FALSE(partial.next());
    EXPECT_THROW(partial.finish(), DecodeError);
}

TEST(WireTest, AStringRunningPastItsFrameIsRefused)
{
    std::string bytes = stream({ sample(0), sample(1) });
    const std::size_t second = STREAM_HEADER_SIZE + (bytes.size() - STREAM_HEADER_SIZE) / 2;
    setU16(bytes, second + 50, 300); // the text length of the second frame
    EXPECT_EQ(errorOffset(bytes), second);
}

TEST(WireTest, BytesLeftAfterTheStringsAreRefused)
{
    std::string bytes = stream({ Event { .type = EventType::Line } });
    bytes += "zz";
    setU16(bytes, STREAM_HEADER_SIZE, static_cast<std::uint16_t>(FRAME_FIXED_SIZE));
    EXPECT_EQ(errorOffset(bytes), STREAM_HEADER_SIZE);
}

TEST(WireTest, AnUnknownTypeIsAnErrorInTheSameMinorVersion)
{
    std::string bytes = stream({ sample(0), sample(1) });
    setU16(bytes, STREAM_HEADER_SIZE + 2, 999);
    EXPECT_EQ(errorOffset(bytes), STREAM_HEADER_SIZE);
}

TEST(WireTest, AnUnknownTypeIsSkippedAndCountedFromANewerMinorVersion)
{
    std::string bytes = stream({ sample(0), sample(1) }, VERSION_MINOR + 1);
    setU16(bytes, STREAM_HEADER_SIZE + 2, 999);
    Decoder sut;

    sut.feed(bytes);
    const auto events = drain(sut);

    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0], sample(1));
    EXPECT_EQ(sut.skippedUnknown(), 1u);
    EXPECT_NO_THROW(sut.finish());
}

TEST(WireTest, ADecoderStaysFailed)
{
    std::string bytes = stream({ sample(0) });
    bytes[0] = 'X';
    Decoder sut;
    sut.feed(bytes);
    EXPECT_THROW(sut.next(), DecodeError);

    sut.feed(stream({ sample(1) }));

    EXPECT_THROW(sut.next(), DecodeError);
    EXPECT_THROW(sut.finish(), DecodeError);
}

} // namespace
