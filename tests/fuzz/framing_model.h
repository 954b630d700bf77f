// SPDX-License-Identifier: MIT
#pragma once
// CPython's message framing (multiprocessing/connection.py, _recv_bytes) read by the book, as the fuzz
// target's reference: a 4-byte big-endian signed length, or -1 and an 8-byte length, then the payload.
// A negative 4-byte length other than -1 is an empty message (CPython's _recv of a negative size reads
// nothing, which leaves the stream out of step), and the 8-byte length is unsigned.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mpfuzz {

struct FramingStep {
    enum Kind { Message, Eof, EofDuringMessage, TooLong } kind = Eof;
    std::string payload; // Message
};

class FramingModel {
public:
    explicit FramingModel(std::string_view stream)
        : m_rest(stream)
    {
    }

    // What the next read of one message meets; maxlength as recv_bytes(maxlength) takes it.
    FramingStep next(std::optional<std::int64_t> maxlength)
    {
        if (m_rest.empty())
            return { FramingStep::Eof, {} };
        if (m_rest.size() < 4)
            return drain();
        const std::int32_t size4 = static_cast<std::int32_t>(bigEndian(m_rest.substr(0, 4)));
        m_rest.remove_prefix(4);
        if (size4 < -1)
            return { FramingStep::Message, {} };
        std::uint64_t size = static_cast<std::uint32_t>(size4);
        if (size4 == -1) {
            if (m_rest.empty()) // CPython's _recv(8) meets end of file before any byte of it: EOFError
                return { FramingStep::Eof, {} };
            if (m_rest.size() < 8)
                return drain();
            size = bigEndian(m_rest.substr(0, 8));
            m_rest.remove_prefix(8);
        }
        if (maxlength && size > static_cast<std::uint64_t>(*maxlength))
            return { FramingStep::TooLong, {} };
        if (size > 0 && m_rest.empty()) // _recv(size) meets end of file before any byte of the payload
            return { FramingStep::Eof, {} };
        if (size > m_rest.size())
            return drain();
        FramingStep out { FramingStep::Message, std::string(m_rest.substr(0, static_cast<std::size_t>(size))) };
        m_rest.remove_prefix(static_cast<std::size_t>(size));
        return out;
    }

private:
    static std::uint64_t bigEndian(std::string_view bytes)
    {
        std::uint64_t v = 0;
        for (const char c : bytes)
            v = (v << 8) | static_cast<unsigned char>(c);
        return v;
    }
    FramingStep drain()
    {
        m_rest = {};
        return { FramingStep::EofDuringMessage, {} };
    }

    std::string_view m_rest;
};

} // namespace mpfuzz
