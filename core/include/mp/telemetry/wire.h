// SPDX-License-Identifier: MIT
#pragma once
// The telemetry wire format (documented in core/TELEMETRY.md): a stream header (magic + version), then
// length-prefixed little-endian frames, one event each, each small enough for one atomic pipe write.
// The Decoder is a state machine that consumes only what has arrived: feed it any chunk, take events out.

#include <mp/telemetry/event.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mp::telemetry {

inline constexpr char MAGIC[4] = { 'M', 'P', 'S', 'T' };
inline constexpr std::uint16_t VERSION_MAJOR = 1;
inline constexpr std::uint16_t VERSION_MINOR = 0;
inline constexpr std::size_t STREAM_HEADER_SIZE = 8;
inline constexpr std::size_t FRAME_FIXED_SIZE = 54; // length field included, both strings empty

std::string streamHeader(std::uint16_t minor = VERSION_MINOR);
// Appends one frame. Text and detail are cut to MAX_TEXT bytes.
void encodeFrame(std::string& out, const Event& event);
// Cuts s to at most MAX_TEXT bytes without splitting a UTF-8 sequence, marking the cut with "...".
std::string cutText(std::string_view s);

class DecodeError : public std::runtime_error {
public:
    DecodeError(const std::string& what, std::uint64_t offset);
    std::uint64_t offset() const noexcept { return m_offset; }

private:
    std::uint64_t m_offset;
};

class Decoder {
public:
    void feed(std::string_view bytes);
    // The next complete event, or nullopt if more bytes are needed. Throws DecodeError (with the stream
    // offset of the bad frame) on malformed input; after that the decoder stays failed.
    std::optional<Event> next();
    // Throws DecodeError if the stream ended inside the header or a frame.
    void finish() const;

    std::uint64_t offset() const noexcept { return m_consumed; }
    std::uint64_t skippedUnknown() const noexcept { return m_skipped; }
    std::uint16_t minorVersion() const noexcept { return m_minor; }

private:
    [[noreturn]] void fail(const std::string& what, std::uint64_t offset);

    std::string m_buffer;
    std::size_t m_pos = 0;
    std::uint64_t m_consumed = 0;
    std::uint64_t m_skipped = 0;
    std::uint16_t m_minor = 0;
    bool m_headerSeen = false;
    std::optional<DecodeError> m_failed;
};

} // namespace mp::telemetry
