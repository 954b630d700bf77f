// SPDX-License-Identifier: MIT
#pragma once
// Exceptions named after Python's, each carrying the message CPython gives, so a C++ scene and the Python
// listing beside it fail the same way. The hierarchy mirrors Python's where it matters to a catch clause:
// FileNotFoundError and BrokenPipeError are OSErrors, BrokenBarrierError is a RuntimeError.

#include <functional>
#include <stdexcept>
#include <string>

namespace mp {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message = {})
        : std::runtime_error(message)
    {
    }
    // Python's class name, as a traceback would print it.
    virtual const char* type_name() const noexcept { return "Exception"; }
};

#define MP_DECLARE_ERROR(Name, Base)                                                                                   \
    class Name : public Base {                                                                                         \
    public:                                                                                                            \
        using Base::Base;                                                                                              \
        const char* type_name() const noexcept override { return #Name; }                                              \
    }

MP_DECLARE_ERROR(ValueError, Error);
MP_DECLARE_ERROR(TypeError, Error);
MP_DECLARE_ERROR(IndexError, Error);
MP_DECLARE_ERROR(AttributeError, Error);
MP_DECLARE_ERROR(OverflowError, Error);
MP_DECLARE_ERROR(AssertionError, Error);
MP_DECLARE_ERROR(EOFError, Error);
MP_DECLARE_ERROR(RuntimeError, Error);
MP_DECLARE_ERROR(BrokenBarrierError, RuntimeError);
MP_DECLARE_ERROR(RecursionError, RuntimeError);
MP_DECLARE_ERROR(UnpicklingError, Error);
MP_DECLARE_ERROR(UnicodeEncodeError, ValueError);
MP_DECLARE_ERROR(Empty, Error);
MP_DECLARE_ERROR(Full, Error);
MP_DECLARE_ERROR(ProcessError, Error);

// OSError keeps errno when the failure came from the system; str() then reads "[Errno N] text" as in Python.
// When the engine names the system call that failed (MP_POSIX_CALL), the message ends with it:
// "[Errno 24] Too many open files (pipe2 at session.cpp:33)".
class OSError : public Error {
public:
    explicit OSError(const std::string& message = {})
        : Error(message)
    {
    }
    OSError(int errnum, const std::string& strerror, const std::string& filename = {}, const std::string& call = {});
    const char* type_name() const noexcept override { return "OSError"; }
    int errnum() const noexcept { return m_errno; }
    const std::string& filename() const noexcept { return m_filename; }
    // The failed call and where the engine made it ("pipe2 at session.cpp:33"), or empty when not named.
    const std::string& call() const noexcept { return m_call; }

private:
    int m_errno = 0;
    std::string m_filename;
    std::string m_call;
};

MP_DECLARE_ERROR(TimeoutError, OSError);
MP_DECLARE_ERROR(FileNotFoundError, OSError);
MP_DECLARE_ERROR(FileExistsError, OSError);
MP_DECLARE_ERROR(BrokenPipeError, OSError);

#undef MP_DECLARE_ERROR

// Raised by an embedding's Foreign::pickle() when the embedding reports the failure itself: a Queue's feeder
// drops the item, gives its slot back, then calls report(), in the order CPython's Queue._feed keeps
// (queue_sem.release(), then onerror(e, obj)), so qsize() inside the report no longer counts the item.
class ReportedLater : public Error {
public:
    explicit ReportedLater(std::function<void()> report)
        : m_report(std::move(report))
    {
    }
    const char* type_name() const noexcept override { return ""; }
    void report() const
    {
        if (m_report)
            m_report();
    }

private:
    std::function<void()> m_report;
};

// Thrown by mp::sys_exit() and turned into the process's exit code, as SystemExit is in Python.
class SystemExit : public std::exception {
public:
    explicit SystemExit(int code)
        : m_code(code)
    {
    }
    int code() const noexcept { return m_code; }
    const char* what() const noexcept override { return "SystemExit"; }

private:
    int m_code;
};

[[noreturn]] inline void sys_exit(int code = 0)
{
    throw SystemExit(code);
}

// Raises the OSError subclass Python would raise for errnum (ENOENT -> FileNotFoundError, ...).
// `call`, when given, names the system call that failed and where (see OSError::call()).
[[noreturn]] void raise_os_error(int errnum, const std::string& filename = {}, const std::string& call = {});

} // namespace mp
