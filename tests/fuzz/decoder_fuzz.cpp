// SPDX-License-Identifier: MIT
// Fuzz target: mp::telemetry::Decoder, the strict state machine the host and the app run over whatever an
// actor (or a broken pipe) writes. Properties, beyond "no crash": the events and the error (with its byte
// offset) do not depend on how the bytes were cut into chunks; they agree with a plain one-pass reading of
// the format in core/TELEMETRY.md; and every event decoded re-encodes to exactly the frame it came from.
#include <mp/telemetry/wire.h>

#include "fuzz_check.h"

#include <climits>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace mp::telemetry;

struct Outcome {
    std::vector<Event> events;
    std::vector<std::size_t> frameAt; // reference reading only: where each event's frame starts
    std::optional<std::uint64_t> errorAt;
    std::string error;
};

std::uint64_t le(std::string_view s, std::size_t at, std::size_t bytes)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < bytes; ++i)
        v |= std::uint64_t { static_cast<unsigned char>(s[at + i]) } << (8 * i);
    return v;
}

// Feeds the stream cut into pieces of the given sizes (cycled), taking events out after each piece.
Outcome decodeInPieces(std::string_view in, const std::vector<std::size_t>& sizes)
{
    Outcome out;
    Decoder sut;
    try {
        std::size_t at = 0;
        for (std::size_t i = 0; at < in.size(); ++i) {
            const std::size_t n = std::min(in.size() - at, sizes[i % sizes.size()]);
            sut.feed(in.substr(at, n));
            at += n;
            while (auto e = sut.next())
                out.events.push_back(std::move(*e));
        }
        sut.finish();
    } catch (const DecodeError& e) {
        out.errorAt = e.offset();
        out.error = e.what();
    }
    return out;
}

// The format read the obvious way, all at once: the reference the Decoder must agree with.
Outcome readReference(std::string_view in)
{
    Outcome out;
    auto fail = [&](std::uint64_t at) {
        out.errorAt = at;
        return out;
    };
    if (in.size() < STREAM_HEADER_SIZE)
        return fail(0); // empty, or ends inside the header
    if (std::memcmp(in.data(), MAGIC, sizeof MAGIC) != 0)
        return fail(0);
    if (le(in, 4, 2) != VERSION_MAJOR)
        return fail(4);
    const auto minor = le(in, 6, 2);
    std::size_t at = STREAM_HEADER_SIZE;
    while (at < in.size()) {
        if (in.size() - at < 2)
            return fail(at);
        const std::size_t len = le(in, at, 2);
        if (len + 2 < FRAME_FIXED_SIZE || len + 2 > PIPE_BUF || in.size() - at < len + 2)
            return fail(at);
        const std::string_view f = in.substr(at, len + 2);
        const auto type = static_cast<std::uint16_t>(le(f, 2, 2));
        if (!isKnownEventType(type)) {
            if (minor > VERSION_MINOR) {
                at += len + 2;
                continue;
            }
            return fail(at);
        }
        const std::size_t textLen = le(f, 50, 2);
        if (52 + textLen + 2 > f.size())
            return fail(at);
        const std::size_t detailLen = le(f, 52 + textLen, 2);
        if (54 + textLen + detailLen != f.size())
            return fail(at);
        Event e;
        e.type = static_cast<EventType>(type);
        e.thread = static_cast<std::uint16_t>(le(f, 4, 2));
        e.actor = ActorId { static_cast<std::uint32_t>(le(f, 6, 4)) };
        e.timeNs = le(f, 10, 8);
        e.seq = static_cast<std::uint32_t>(le(f, 18, 4));
        e.object = ObjectId { static_cast<std::uint32_t>(le(f, 22, 4)) };
        e.item = ItemId { le(f, 26, 8) };
        e.a = static_cast<std::int64_t>(le(f, 34, 8));
        e.b = static_cast<std::int64_t>(le(f, 42, 8));
        e.text = std::string(f.substr(52, textLen));
        e.detail = std::string(f.substr(54 + textLen, detailLen));
        out.events.push_back(std::move(e));
        out.frameAt.push_back(at);
        at += len + 2;
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using mpfuzz::require;
    const std::string_view in(reinterpret_cast<const char*>(data), size);

    const Outcome whole = decodeInPieces(in, { in.size() + 1 });
    const Outcome bytes = decodeInPieces(in, { 1 });
    const Outcome ragged = decodeInPieces(in, { 3, 1, 54, 7, 4096, 2, 100 });
    const Outcome reference = readReference(in);

    for (const Outcome* o : { &bytes, &ragged }) {
        require(o->events == whole.events, "the events depend on how the stream was cut into chunks");
        require(o->errorAt == whole.errorAt && o->error == whole.error,
            "the error depends on the chunking: '" + whole.error + "' vs '" + o->error + "'");
    }
    require(whole.events == reference.events, "the decoder disagrees with the reference reading of the format");
    require(whole.errorAt == reference.errorAt,
        "error offset " + std::to_string(whole.errorAt.value_or(~0ULL)) + " where the reference says "
            + std::to_string(reference.errorAt.value_or(~0ULL)) + " (" + whole.error + ")");
    if (whole.errorAt) {
        require(*whole.errorAt <= in.size(), "an error offset beyond the end of the stream");
        require(whole.error.find("at byte " + std::to_string(*whole.errorAt)) != std::string::npos,
            "the message does not name the offset: " + whole.error);
    }
    for (std::size_t i = 0; i < reference.events.size(); ++i) {
        const Event& e = reference.events[i];
        if (e.text.size() > MAX_TEXT || e.detail.size() > MAX_TEXT)
            continue; // the encoder cuts long strings; a foreign writer need not
        std::string frame;
        encodeFrame(frame, e);
        require(in.substr(reference.frameAt[i], frame.size()) == frame, "an event does not re-encode to its frame");
    }
    return 0;
}
