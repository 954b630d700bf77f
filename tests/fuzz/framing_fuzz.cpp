// SPDX-License-Identifier: MIT
// Fuzz target: a Connection's message framing. The input's first three bytes choose the call and its
// arguments; the rest is written into a real pipe (or socketpair), whose writer then closes, and the target
// reads it with that call until it meets end of file. Every result must be what CPython's framing gives
// for the same bytes (framing_model.h): the same message, or the same exception with the same words.
#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/pickle.h>

#include "framing_model.h"
#include "fuzz_check.h"

#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <functional>
#include <vector>

namespace {

using mpfuzz::FramingModel;
using mpfuzz::FramingStep;
using mpfuzz::require;

enum class Call { RecvBytes, RecvBytesMax, Recv, RecvBytesInto };

// What a call did, in words comparable with the model's prediction.
std::string outcome(const std::function<std::string()>& call)
{
    try {
        return "returned " + call();
    } catch (const mp::BufferTooShort& e) {
        return "BufferTooShort holding " + e.message().str();
    } catch (const mp::Error& e) {
        return std::string(e.type_name()) + ": " + e.what();
    }
}

std::string expected(const FramingStep& step, Call call, std::size_t room)
{
    switch (step.kind) {
    case FramingStep::Eof:
        return "EOFError: ";
    case FramingStep::EofDuringMessage:
        return "OSError: got end of file during message";
    case FramingStep::TooLong:
        return "OSError: bad message length";
    case FramingStep::Message:
        break;
    }
    if (call == Call::Recv)
        return outcome([&] { return mp::repr(mp::loads(step.payload)); });
    if (call == Call::RecvBytesInto && step.payload.size() > room)
        return "BufferTooShort holding " + step.payload;
    return "returned " + step.payload;
}

// Writes what the kernel takes at once (the whole input, unless it exceeds the buffer), then closes.
std::string fill(int writeFd, std::string_view bytes)
{
    ::fcntl(writeFd, F_SETFL, O_NONBLOCK);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t w = ::write(writeFd, bytes.data() + done, bytes.size() - done);
        if (w <= 0)
            break;
        done += static_cast<std::size_t>(w);
    }
    ::close(writeFd);
    return std::string(bytes.substr(0, done));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 3)
        return 0;
    static const bool sigpipeIgnored = [] { return std::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
    (void)sigpipeIgnored;
    const auto call = static_cast<Call>(data[0] & 3);
    const bool socket = (data[0] & 4) != 0;
    const std::int64_t arg = data[1];
    const std::int64_t offset = data[2];
    int fds[2];
    if (socket ? ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) : ::pipe2(fds, O_CLOEXEC))
        return 0; // out of descriptors: not the input's fault
    const std::string stream = fill(fds[1], std::string_view(reinterpret_cast<const char*>(data) + 3, size - 3));
    mp::Connection sut(fds[0], true, socket); // a socketpair end also writes, as Pipe(duplex=True)
    FramingModel model(stream);
    std::vector<std::byte> buffer(static_cast<std::size_t>(arg));

    for (int i = 0; i < 64; ++i) {
        std::optional<std::int64_t> maxlength;
        if (call == Call::RecvBytesMax)
            maxlength = arg;
        if (call == Call::RecvBytesInto && offset > arg) {
            require(outcome([&] { return std::to_string(sut.recv_bytes_into(buffer, offset)); })
                    == "ValueError: offset too large",
                "recv_bytes_into with the offset past the buffer");
            break;
        }
        const FramingStep step = model.next(maxlength);
        const std::size_t room = static_cast<std::size_t>(arg - offset);
        const std::string want = expected(step, call, room);
        const std::string got = outcome([&]() -> std::string {
            switch (call) {
            case Call::RecvBytes:
                return sut.recv_bytes().str();
            case Call::RecvBytesMax:
                return sut.recv_bytes(maxlength).str();
            case Call::Recv:
                return mp::repr(sut.recv());
            case Call::RecvBytesInto: {
                const std::size_t n = sut.recv_bytes_into(buffer, offset);
                return n == 0 ? std::string() : std::string(reinterpret_cast<const char*>(buffer.data()) + offset, n);
            }
            }
            return {};
        });
        require(got == want,
            "read " + std::to_string(i) + ": got '" + got.substr(0, 200) + "', CPython gives '" + want.substr(0, 200)
                + "'");
        if (step.kind == FramingStep::TooLong) {
            // The stream is out of step: CPython closes a read-only end, and stops reading a duplex one.
            const std::string after = outcome([&] { return sut.recv_bytes().str(); });
            require(after == (socket ? "OSError: connection is write-only" : "OSError: handle is closed"),
                "after a bad message length: " + after);
            break;
        }
        if (step.kind == FramingStep::Eof)
            break;
    }
    return 0;
}
