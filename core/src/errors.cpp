// SPDX-License-Identifier: MIT
#include <mp/errors.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <string_view>

#include "posix_call.h"

namespace mp {

namespace {
std::string osMessage(int errnum, const std::string& text, const std::string& filename, const std::string& call)
{
    std::string msg = "[Errno " + std::to_string(errnum) + "] " + text;
    if (!filename.empty())
        msg += ": '" + filename + "'";
    if (!call.empty())
        msg += " (" + call + ")";
    return msg;
}
} // namespace

OSError::OSError(int errnum, const std::string& strerror, const std::string& filename, const std::string& call)
    : Error(osMessage(errnum, strerror, filename, call))
    , m_errno(errnum)
    , m_filename(filename)
    , m_call(call)
{
}

void raise_os_error(int errnum, const std::string& filename, const std::string& call)
{
    const std::string text = std::strerror(errnum);
    switch (errnum) {
    case ENOENT:
        throw FileNotFoundError(errnum, text, filename, call);
    case EEXIST:
        throw FileExistsError(errnum, text, filename, call);
    case EPIPE:
        throw BrokenPipeError(errnum, text, filename, call);
    case ETIMEDOUT:
        throw TimeoutError(errnum, text, filename, call);
    default:
        throw OSError(errnum, text, filename, call);
    }
}

void detail::raiseFailedCall(int errnum, const char* function, const std::source_location& where)
{
    std::string_view file = where.file_name();
    if (const auto slash = file.rfind('/'); slash != std::string_view::npos)
        file.remove_prefix(slash + 1);
    raise_os_error(errnum, {}, std::string(function) + " at " + std::string(file) + ":" + std::to_string(where.line()));
}

double detail::monotonic()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

} // namespace mp
