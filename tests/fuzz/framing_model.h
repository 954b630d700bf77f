// SPDX-License-Identifier: MIT
#pragma once
// CPython's message framing (multiprocessing/connection.py, _recv_bytes) read by the book, as the fuzz
// target's reference: a 4-byte big-endian signed length, or -1 and an 8-byte length, then the payload.
// Where CPython has no sane answer, the model holds the engine's documented one: a negative length
// (CPython would return b'' and leave the stream out of step) raises OSError('bad message length').

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mpfuzz {

struct FramingStep {
    enum Kind { Message, Eof, EofDuringMessage, NegativeLength, TooLong } kind = Eof;
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
        std::int64_t size = static_cast<std::int32_t>(bigEndian(m_rest.substr(0, 4)));
        m_rest.remove_prefix(4);
        if (size == -1) {
            if (m_rest.size() < 8)
                return drain();
            size = static_cast<std::int64_t>(bigEndian(m_rest.substr(0, 8)));
            m_rest.remove_prefix(8);
        }
        if (size < 0)
            return { FramingStep::NegativeLength, {} };
        if (maxlength && size > *maxlength)
            return { FramingStep::TooLong, {} };
        if (static_cast<std::uint64_t>(size) > m_rest.size())
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
