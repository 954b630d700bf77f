# SPDX-License-Identifier: MIT
"""The exception classes multiprocessing defines, and the one mpstage adds for what it does not provide."""


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


class NotSupportedError(Exception):
    """A multiprocessing feature mpstage does not provide: the run stops with one sentence and exit status 2."""


def not_supported(what, why, depth=2):
    """Raises NotSupportedError naming `what`, the program line that asked for it, and `why`."""
    import sys
    frame = sys._getframe(depth)
    where = ""
    while frame is not None:
        if not frame.f_code.co_filename.startswith(__file__.rsplit("/", 1)[0]):
            where = " (%s, line %d)" % (frame.f_code.co_filename, frame.f_lineno)
            break
        frame = frame.f_back
    raise NotSupportedError("%s is not provided by mpstage%s: %s" % (what, where, why))
