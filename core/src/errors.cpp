// SPDX-License-Identifier: MIT
#include <mp/errors.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "posix_call.h"

namespace mp {

namespace {
std::string osMessage(int errnum, const std::string& text, const std::string& filename)
{
    std::string msg = "[Errno " + std::to_string(errnum) + "] " + text;
    if (!filename.empty())
        msg += ": '" + filename + "'";
    return msg;
}
} // namespace

OSError::OSError(int errnum, const std::string& strerror, const std::string& filename)
    : Error(osMessage(errnum, strerror, filename))
    , m_errno(errnum)
    , m_filename(filename)
{
}

void raise_os_error(int errnum, const std::string& filename)
{
    const std::string text = std::strerror(errnum);
    switch (errnum) {
    case ENOENT:
        throw FileNotFoundError(errnum, text, filename);
    case EEXIST:
        throw FileExistsError(errnum, text, filename);
    case EPIPE:
        throw BrokenPipeError(errnum, text, filename);
    case ETIMEDOUT:
        throw TimeoutError(errnum, text, filename);
    default:
        throw OSError(errnum, text, filename);
    }
}

double detail::monotonic()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

} // namespace mp
