// SPDX-License-Identifier: MIT
#include "connection_io.h"
#include "posix_call.h"

#include <algorithm>
#include <cstring>
#include <poll.h>
#include <sys/uio.h>
#include <unistd.h>

namespace mp::detail {

namespace {

void writeAll(int fd, iovec* iov, int count)
{
    while (count > 0) {
        // One piece goes through write(): writev() first copies in and checks the vector, which a small
        // message notices.
        const ssize_t w = posixCall(
            [&] { return count == 1 ? ::write(fd, iov->iov_base, iov->iov_len) : ::writev(fd, iov, count); });
        auto done = static_cast<std::size_t>(w);
        while (count > 0 && done >= iov->iov_len) {
            done -= iov->iov_len;
            ++iov;
            --count;
        }
        if (count > 0) {
            iov->iov_base = static_cast<char*>(iov->iov_base) + done;
            iov->iov_len -= done;
        }
    }
}

// Returns the number of bytes read before end of file (== size when all arrived).
std::size_t readExact(int fd, char* dst, std::size_t size)
{
    if (size == 0)
        return 0;
    // The common case first: one read() that returns everything asked for.
    std::size_t got = 0;
    if (const ssize_t r = ::read(fd, dst, size); r > 0)
        got = static_cast<std::size_t>(r);
    else if (r == 0)
        return 0;
    else if (errno != EINTR)
        raise_os_error(errno);
    while (got < size) {
        const ssize_t r = posixCall([&] { return ::read(fd, dst + got, size - got); });
        if (r == 0)
            break;
        got += static_cast<std::size_t>(r);
    }
    return got;
}

std::uint64_t bigEndian(const unsigned char* p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | p[i];
    return v;
}

} // namespace

namespace {
std::size_t encodeHeader(unsigned char* header, std::uint64_t n)
{
    if (n > 0x7fffffffULL) {
        std::memset(header, 0xff, 4);
        for (int i = 0; i < 8; ++i)
            header[4 + i] = static_cast<unsigned char>(n >> (56 - 8 * i));
        return 12;
    }
    for (int i = 0; i < 4; ++i)
        header[i] = static_cast<unsigned char>(n >> (24 - 8 * i));
    return 4;
}
} // namespace

std::uint64_t frameSize(std::uint64_t payload)
{
    return payload + (payload > 0x7fffffffULL ? 12 : 4);
}

void sendMessage(int fd, std::string_view payload)
{
    // A small message goes out as one contiguous write(): cheaper than gathering two pieces with writev().
    constexpr std::size_t SMALL = 2048;
    if (payload.size() <= SMALL) {
        unsigned char frame[4 + SMALL];
        const std::size_t headerLen = encodeHeader(frame, payload.size());
        std::memcpy(frame + headerLen, payload.data(), payload.size());
        iovec iov { frame, headerLen + payload.size() };
        writeAll(fd, &iov, 1);
        return;
    }
    unsigned char header[12];
    const std::size_t headerLen = encodeHeader(header, payload.size());
    iovec iov[2] = { { header, headerLen }, { const_cast<char*>(payload.data()), payload.size() } };
    writeAll(fd, iov, 2);
}

void appendFrame(std::string& out, std::string_view payload)
{
    unsigned char header[12];
    const std::size_t headerLen = encodeHeader(header, payload.size());
    out.append(reinterpret_cast<const char*>(header), headerLen);
    out.append(payload);
}

void writeRaw(int fd, std::string_view data)
{
    iovec iov { const_cast<char*>(data.data()), data.size() };
    writeAll(fd, &iov, data.empty() ? 0 : 1);
}

namespace {
// The length header of the next message: its payload size. EOFError when the stream ends before it.
std::uint64_t recvHeader(int fd, std::optional<std::int64_t> maxlength, bool& empty);
} // namespace

std::string recvMessage(int fd, std::optional<std::int64_t> maxlength)
{
    std::string out;
    recvMessagePlaced(fd, maxlength, PayloadPlace {}, out);
    return out;
}

bool recvMessagePlaced(int fd, std::optional<std::int64_t> maxlength, const PayloadPlace& place, std::string& small)
{
    bool empty = false;
    const std::uint64_t total = recvHeader(fd, maxlength, empty);
    if (empty) {
        small.clear();
        return false;
    }
    constexpr std::uint64_t TRUSTED = 1 << 20;
    if (place.place && total >= place.large && total > 0 && total <= TRUSTED) {
        char* dst = place.place(place.context, total);
        const std::size_t got = readExact(fd, dst, static_cast<std::size_t>(total));
        if (got == 0)
            throw EOFError();
        if (got != total)
            throw OSError("got end of file during message");
        return true;
    }
    small = readPayload(fd, total, {}, true);
    return false;
}

namespace {
std::uint64_t recvHeader(int fd, std::optional<std::int64_t> maxlength, bool& empty)
{
    unsigned char header[8];
    const std::size_t got = readExact(fd, reinterpret_cast<char*>(header), 4);
    if (got == 0)
        throw EOFError();
    if (got != 4)
        throw OSError("got end of file during message");
    const auto size = static_cast<std::int32_t>(bigEndian(header, 4));
    if (size < -1) {
        empty = true; // CPython's _recv(size) reads nothing for a negative size: an empty message
        return 0;
    }
    std::uint64_t total = static_cast<std::uint32_t>(size);
    if (size == -1) {
        const std::size_t more = readExact(fd, reinterpret_cast<char*>(header), 8);
        if (more == 0)
            throw EOFError();
        if (more != 8)
            throw OSError("got end of file during message");
        total = bigEndian(header, 8); // struct '!Q': unsigned
    }
    if (maxlength && total > static_cast<std::uint64_t>(*maxlength))
        throw BadMessageLength {};
    return total;
}
} // namespace

std::string readPayload(int fd, std::uint64_t total, std::string payload, bool eofBeforeAnyIsEof)
{
    // The length comes from the other process: up to 1 MiB is trusted outright; beyond, the buffer grows only
    // as the bytes arrive (as CPython's BytesIO does), so a garbled or hostile header cannot make this process
    // allocate gigabytes before end of file says the message was never there.
    constexpr std::uint64_t TRUSTED = 1 << 20;
    std::size_t have = payload.size();
    payload.resize(static_cast<std::size_t>(std::min<std::uint64_t>(total, std::max<std::uint64_t>(TRUSTED, have))));
    for (;;) {
        have += readExact(fd, payload.data() + have, payload.size() - have);
        if (have == 0 && eofBeforeAnyIsEof && total > 0)
            throw EOFError();
        if (have < payload.size())
            throw OSError("got end of file during message");
        if (have == total)
            return payload;
        payload.resize(static_cast<std::size_t>(std::min<std::uint64_t>(total, 2 * have)));
    }
}

bool waitReadable(int fd, Timeout timeout)
{
    const bool forever = !timeout.has_value();
    const double deadline = forever ? 0.0 : monotonic() + std::max(0.0, *timeout);
    for (;;) {
        int ms = -1;
        if (!forever)
            ms = static_cast<int>(std::max(0.0, deadline - monotonic()) * 1000.0 + 0.999);
        pollfd pfd { fd, POLLIN, 0 };
        const int r = ::poll(&pfd, 1, ms);
        if (r == -1 && errno == EINTR)
            continue;
        if (r == -1)
            raise_os_error(errno);
        return r > 0;
    }
}

} // namespace mp::detail
