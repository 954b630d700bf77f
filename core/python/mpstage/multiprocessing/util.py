# SPDX-License-Identifier: MIT
"""multiprocessing.util on mpstage's engine: the logger (get_logger, log_to_stderr and the level helpers, as
CPython 3.11's), register_after_fork and is_exiting. The engine's own code logs nothing to it: a program's
own log calls print as under CPython, multiprocessing's lines about its internals do not appear."""

import atexit as _atexit
import os as _os
import weakref as _weakref

NOTSET = 0
SUBDEBUG = 5
DEBUG = 10
INFO = 20
SUBWARNING = 25

LOGGER_NAME = 'multiprocessing'
DEFAULT_LOGGING_FORMAT = '[%(levelname)s/%(processName)s] %(message)s'

_logger = None
_log_to_stderr = False
_exiting = False


def sub_debug(msg, *args):
    if _logger:
        _logger.log(SUBDEBUG, msg, *args)


def debug(msg, *args):
    if _logger:
        _logger.log(DEBUG, msg, *args)


def info(msg, *args):
    if _logger:
        _logger.log(INFO, msg, *args)


def sub_warning(msg, *args):
    if _logger:
        _logger.log(SUBWARNING, msg, *args)


def get_logger():
    """Returns the 'multiprocessing' logger, made the first time (it does not propagate to the root)."""
    global _logger
    import logging
    logging._acquireLock()
    try:
        if not _logger:
            _logger = logging.getLogger(LOGGER_NAME)
            _logger.propagate = 0
    finally:
        logging._releaseLock()
    return _logger


def log_to_stderr(level=None):
    """Turns on logging to stderr in CPython's format, '[LEVEL/ProcessName] message'."""
    global _log_to_stderr
    import logging
    logger = get_logger()
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(DEFAULT_LOGGING_FORMAT))
    logger.addHandler(handler)
    if level:
        logger.setLevel(level)
    _log_to_stderr = True
    return _logger


def register_after_fork(obj, func):
    """Calls func(obj) in each child forked after this, while obj is alive."""
    ref = _weakref.ref(obj)

    def after_in_child():
        alive = ref()
        if alive is not None:
            func(alive)

    _os.register_at_fork(after_in_child=after_in_child)


def is_exiting():
    """True once the process has begun to exit."""
    return _exiting


def _mark_exiting():
    global _exiting
    _exiting = True


_atexit.register(_mark_exiting)
