// SPDX-License-Identifier: MIT
#include <mp/telemetry/wire.h>

#include <bit>
#include <climits>
#include <cstring>

namespace mp::telemetry {

namespace {

template <typename T> void put(std::string& out, T v)
{
    for (std::size_t i = 0; i < sizeof(T); ++i)
        out += static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff);
}

// Little-endian at p; returns the byte after.
template <typename T> char* putAt(char* p, T v)
{
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(p, &v, sizeof(T));
    } else {
        for (std::size_t i = 0; i < sizeof(T); ++i)
            p[i] = static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff);
    }
    return p + sizeof(T);
}

template <typename T> T get(const char* p)
{
    if constexpr (std::endian::native == std::endian::little) { // one load: the host decodes every frame
        T v;
        std::memcpy(&v, p, sizeof(T));
        return v;
    } else {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < sizeof(T); ++i)
            v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
        return static_cast<T>(v);
    }
}

} // namespace

std::string cutText(std::string_view s)
{
    if (s.size() <= MAX_TEXT)
        return std::string(s);
    std::size_t end = MAX_TEXT - 3;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xc0) == 0x80)
        --end; // do not split a UTF-8 sequence
    return std::string(s.substr(0, end)) + "...";
}

std::string streamHeader(std::uint16_t minor)
{
    std::string out(MAGIC, sizeof MAGIC);
    put<std::uint16_t>(out, VERSION_MAJOR);
    put<std::uint16_t>(out, minor);
    return out;
}

namespace {

char* putText(char* p, std::string_view text)
{
    p = putAt<std::uint16_t>(p, static_cast<std::uint16_t>(text.size()));
    std::memcpy(p, text.data(), text.size());
    return p + text.size();
}

} // namespace

void encodeFrame(std::string& out, const Event& e)
{
    // Text and detail longer than MAX_TEXT (rare) are cut first.
    if (e.text.size() > MAX_TEXT || e.detail.size() > MAX_TEXT) [[unlikely]] {
        Event cut = e;
        cut.text = cutText(e.text);
        cut.detail = cutText(e.detail);
        encodeFrame(out, cut);
        return;
    }
    // A `full` run encodes a frame on every instrumented step: the frame is put together on the stack and
    // appended in one piece.
    char frame[FRAME_FIXED_SIZE + 2 * MAX_TEXT];
    char* p = frame;
    p = putAt<std::uint16_t>(p, static_cast<std::uint16_t>(FRAME_FIXED_SIZE - 2 + e.text.size() + e.detail.size()));
    p = putAt<std::uint16_t>(p, static_cast<std::uint16_t>(e.type));
    p = putAt<std::uint16_t>(p, e.thread);
    p = putAt<std::uint32_t>(p, e.actor.value);
    p = putAt<std::uint64_t>(p, e.timeNs);
    p = putAt<std::uint32_t>(p, e.seq);
    p = putAt<std::uint32_t>(p, e.object.value);
    p = putAt<std::uint64_t>(p, e.item.value);
    p = putAt<std::int64_t>(p, e.a);
    p = putAt<std::int64_t>(p, e.b);
    p = putText(p, e.text);
    p = putText(p, e.detail);
    out.append(frame, static_cast<std::size_t>(p - frame));
}

DecodeError::DecodeError(const std::string& what, std::uint64_t offset)
    : std::runtime_error(what + " at byte " + std::to_string(offset))
    , m_offset(offset)
{
}

void Decoder::fail(const std::string& what, std::uint64_t offset)
{
    m_failed = DecodeError(what, offset);
    throw *m_failed;
}

void Decoder::feed(std::string_view bytes)
{
    if (m_pos > 0 && m_pos * 2 > m_buffer.size()) { // compact now and then, not on every feed
        m_buffer.erase(0, m_pos);
        m_pos = 0;
    }
    m_buffer.append(bytes);
}

std::optional<Event> Decoder::next()
{
    if (m_failed)
        throw *m_failed;
    for (;;) {
        const std::size_t avail = m_buffer.size() - m_pos;
        const char* p = m_buffer.data() + m_pos;
        if (!m_headerSeen) {
            if (avail < STREAM_HEADER_SIZE)
                return std::nullopt;
            if (std::memcmp(p, MAGIC, sizeof MAGIC) != 0)
                fail("not an mpstage telemetry stream (bad magic)", m_consumed);
            const auto major = get<std::uint16_t>(p + 4);
            if (major != VERSION_MAJOR)
                fail("unsupported telemetry version " + std::to_string(major) + "."
                        + std::to_string(get<std::uint16_t>(p + 6)) + " (this build reads "
                        + std::to_string(VERSION_MAJOR) + ".x)",
                    m_consumed + 4);
            m_minor = get<std::uint16_t>(p + 6);
            m_headerSeen = true;
            m_pos += STREAM_HEADER_SIZE;
            m_consumed += STREAM_HEADER_SIZE;
            continue;
        }
        if (avail < 2)
            return std::nullopt;
        const std::size_t len = get<std::uint16_t>(p);
        if (len + 2 < FRAME_FIXED_SIZE || len + 2 > PIPE_BUF)
            fail("bad frame length " + std::to_string(len), m_consumed);
        if (avail < len + 2)
            return std::nullopt;
        const std::uint64_t frameOffset = m_consumed;
        const auto type = get<std::uint16_t>(p + 2);
        m_pos += len + 2;
        m_consumed += len + 2;
        if (!isKnownEventType(type)) {
            if (m_minor > VERSION_MINOR) { // a newer minor version may add event types: skip them
                ++m_skipped;
                continue;
            }
            fail("unknown event type " + std::to_string(type), frameOffset);
        }
        Event e;
        e.type = static_cast<EventType>(type);
        e.thread = get<std::uint16_t>(p + 4);
        e.actor = ActorId { get<std::uint32_t>(p + 6) };
        e.timeNs = get<std::uint64_t>(p + 10);
        e.seq = get<std::uint32_t>(p + 18);
        e.object = ObjectId { get<std::uint32_t>(p + 22) };
        e.item = ItemId { get<std::uint64_t>(p + 26) };
        e.a = get<std::int64_t>(p + 34);
        e.b = get<std::int64_t>(p + 42);
        std::size_t at = 50;
        for (std::string* s : { &e.text, &e.detail }) {
            if (at + 2 > len + 2)
                fail("frame too short for its strings", frameOffset);
            const std::size_t n = get<std::uint16_t>(p + at);
            at += 2;
            if (at + n > len + 2)
                fail("string runs past the end of its frame", frameOffset);
            s->assign(p + at, n);
            at += n;
        }
        if (at != len + 2)
            fail("frame has " + std::to_string(len + 2 - at) + " bytes after its strings", frameOffset);
        return e;
    }
}

void Decoder::finish() const
{
    if (m_failed)
        throw *m_failed;
    const std::size_t left = m_buffer.size() - m_pos;
    if (!m_headerSeen && left == 0)
        throw DecodeError("empty stream: no telemetry header", 0);
    if (left > 0)
        throw DecodeError("stream ends inside a " + std::string(m_headerSeen ? "frame" : "header") + " ("
                + std::to_string(left) + " bytes left over)",
            m_consumed);
}

} // namespace mp::telemetry
