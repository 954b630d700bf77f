// SPDX-License-Identifier: MIT
// A real recorded stream (tests/core/golden/queue_sentinel.mpst) cut short at every byte, garbled frame by
// frame, or under another version: the Decoder refuses each with a DecodeError that names the byte offset of
// the frame at fault, and keeps every event before it.
#include <mp/telemetry/wire.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace {

using namespace mp::telemetry;

std::string recorded()
{
    std::ifstream in(std::string(MPSTAGE_GOLDEN_DIR) + "/queue_sentinel.mpst", std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// Where each frame of a well-formed stream starts.
std::vector<std::size_t> frameStarts(const std::string& stream)
{
    std::vector<std::size_t> out;
    for (std::size_t at = STREAM_HEADER_SIZE; at + 2 <= stream.size();) {
        out.push_back(at);
        at += 2 + (static_cast<unsigned char>(stream[at]) | static_cast<unsigned char>(stream[at + 1]) << 8);
    }
    return out;
}

struct Decoded {
    std::size_t events = 0;
    bool failed = false;
    std::uint64_t offset = 0;
    std::string what;
};

Decoded decodeAll(const std::string& stream)
{
    Decoded out;
    Decoder sut;
    try {
        sut.feed(stream);
        while (sut.next())
            ++out.events;
        sut.finish();
    } catch (const DecodeError& e) {
        out.failed = true;
        out.offset = e.offset();
        out.what = e.what();
    }
    return out;
}

class BadStreamTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        stream = recorded();
        starts = frameStarts(stream);
        ASSERT_GT(starts.size(), 20U) << "the recorded stream is missing or too short";
        ASSERT_FALSE(decodeAll(stream).failed) << decodeAll(stream).what;
    }
    std::string stream;
    std::vector<std::size_t> starts;
};

TEST_F(BadStreamTest, AStreamCutInsideAFrameFailsAtThatFrameKeepingEveryEventBefore)
{
    for (std::size_t cut = 0; cut < stream.size(); ++cut) {
        const Decoded sut = decodeAll(stream.substr(0, cut));

        if (cut < STREAM_HEADER_SIZE) {
            EXPECT_TRUE(sut.failed && sut.offset == 0) << "cut at " << cut << ": " << sut.what;
            continue;
        }
        std::size_t before = 0; // frames that start before the cut
        std::size_t lastStart = 0;
        for (const std::size_t s : starts)
            if (s < cut) {
                ++before;
                lastStart = s;
            }
        const bool onBoundary
            = cut == STREAM_HEADER_SIZE || std::find(starts.begin(), starts.end(), cut) != starts.end();
        if (onBoundary) { // nothing half-read: to the decoder the stream simply ended there
            EXPECT_FALSE(sut.failed) << "cut at " << cut << ": " << sut.what;
            EXPECT_EQ(sut.events, before);
        } else {
            EXPECT_TRUE(sut.failed) << "cut at " << cut;
            EXPECT_EQ(sut.offset, lastStart) << "cut at " << cut << ": " << sut.what;
            EXPECT_EQ(sut.events, before - 1) << "cut at " << cut;
            EXPECT_NE(sut.what.find("stream ends inside a frame"), std::string::npos) << sut.what;
        }
    }
}

TEST_F(BadStreamTest, AGarbledFrameIsNamedByItsOffset)
{
    struct Garble {
        const char* what;
        void (*apply)(std::string&, std::size_t frame);
        const char* says;
    };
    const Garble garbles[] = {
        { "length below the fixed part", [](std::string& s, std::size_t f) { s.replace(f, 2, "\x0a\x00", 2); },
            "bad frame length 10" },
        { "length above PIPE_BUF", [](std::string& s, std::size_t f) { s.replace(f, 2, "\x10\x20", 2); },
            "bad frame length 8208" },
        { "unknown type", [](std::string& s, std::size_t f) { s.replace(f + 2, 2, "\xe7\x03", 2); },
            "unknown event type 999" },
        { "text longer than its frame", [](std::string& s, std::size_t f) { s.replace(f + 50, 2, "\x00\x0f", 2); },
            "past the end of its frame" },
    };
    for (const Garble& g : garbles) {
        for (const std::size_t k : { std::size_t { 0 }, starts.size() / 2, starts.size() - 1 }) {
            std::string bad = stream;
            g.apply(bad, starts[k]);

            const Decoded sut = decodeAll(bad);

            ASSERT_TRUE(sut.failed) << g.what << " in frame " << k;
            EXPECT_EQ(sut.offset, starts[k]) << g.what << " in frame " << k;
            EXPECT_EQ(sut.events, k) << g.what;
            EXPECT_NE(sut.what.find(g.says), std::string::npos) << sut.what;
            EXPECT_NE(sut.what.find("at byte " + std::to_string(starts[k])), std::string::npos) << sut.what;
        }
    }
}

TEST_F(BadStreamTest, AnotherMajorVersionOrAnotherFormatIsRefusedBeforeAnyEvent)
{
    std::string v2 = stream;
    v2[4] = 2;
    const Decoded major = decodeAll(v2);
    EXPECT_TRUE(major.failed);
    EXPECT_EQ(major.offset, 4U);
    EXPECT_EQ(major.events, 0U);
    EXPECT_NE(major.what.find("unsupported telemetry version 2.0"), std::string::npos) << major.what;

    const Decoded json = decodeAll("{\"traceEvents\":[]}");
    EXPECT_TRUE(json.failed);
    EXPECT_EQ(json.offset, 0U);
    EXPECT_NE(json.what.find("bad magic"), std::string::npos) << json.what;
}

TEST_F(BadStreamTest, ANewerMinorVersionIsReadWithItsUnknownFramesSkipped)
{
    std::string newer = stream;
    newer[6] = 1; // minor 1
    std::string unknown;
    encodeFrame(unknown, Event { .type = EventType::Line, .a = 3 });
    unknown[2] = static_cast<char>(200);
    newer.insert(starts[3], unknown);

    Decoder sut;
    sut.feed(newer);
    std::size_t events = 0;
    while (sut.next())
        ++events;
    sut.finish();

    EXPECT_EQ(events, starts.size());
    EXPECT_EQ(sut.skippedUnknown(), 1U);
    EXPECT_EQ(sut.minorVersion(), 1U);
}

TEST_F(BadStreamTest, BytesAfterTheLastFrameAreAnErrorAtTheirOffset)
{
    const Decoded sut = decodeAll(stream + std::string("\x36\x00garbage", 9));

    EXPECT_TRUE(sut.failed);
    EXPECT_EQ(sut.offset, stream.size());
    EXPECT_EQ(sut.events, starts.size());
}

} // namespace
