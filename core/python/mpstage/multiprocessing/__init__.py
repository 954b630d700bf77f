# SPDX-License-Identifier: MIT
"""multiprocessing on mpstage's engine: the same names, classes, arguments and exceptions as CPython 3.11's
module with the fork start method (the only one: the engine's processes are forked)."""

import os as _os

from mpstage._errors import AuthenticationError, BufferTooShort, ProcessError, TimeoutError
from .connection import Pipe
from .context import (get_all_start_methods, get_context, get_start_method, set_executable, set_forkserver_preload,
                      set_start_method)
from .managers import Manager
from .pool import Pool
from .process import Process, active_children, current_process, parent_process
from . import queues as _queues
from .sharedctypes import Array, RawArray, RawValue, Value
from .synchronize import Barrier, BoundedSemaphore, Condition, Event, Lock, RLock, Semaphore

SUBDEBUG = 5
SUBWARNING = 25


def cpu_count():
    """The number of CPUs in the system, as os.cpu_count(); NotImplementedError if it cannot be told."""
    n = _os.cpu_count()
    if n is None:
        raise NotImplementedError('cannot determine number of cpus')
    return n


def Queue(maxsize=0):
    """Returns a queue object (multiprocessing.queues.Queue)."""
    return _queues.Queue(maxsize, ctx=get_context())


def JoinableQueue(maxsize=0):
    """Returns a queue object (multiprocessing.queues.JoinableQueue)."""
    return _queues.JoinableQueue(maxsize, ctx=get_context())


def SimpleQueue():
    """Returns a queue object (multiprocessing.queues.SimpleQueue)."""
    return _queues.SimpleQueue(ctx=get_context())


def freeze_support():
    pass


def allow_connection_pickling():
    pass


def log_to_stderr(level=None):
    """Turns on logging to stderr (multiprocessing.util.log_to_stderr)."""
    from . import util
    return util.log_to_stderr(level)


def get_logger():
    """The 'multiprocessing' logger (multiprocessing.util.get_logger)."""
    from . import util
    return util.get_logger()


__all__ = [
    'Array', 'AuthenticationError', 'Barrier', 'BoundedSemaphore', 'BufferTooShort', 'Condition', 'Event',
    'JoinableQueue', 'Lock', 'Manager', 'Pipe', 'Pool', 'Process', 'ProcessError', 'Queue', 'RLock', 'RawArray',
    'RawValue', 'Semaphore', 'SimpleQueue', 'TimeoutError', 'Value', 'active_children', 'allow_connection_pickling',
    'cpu_count', 'current_process', 'freeze_support', 'get_all_start_methods', 'get_context', 'get_logger',
    'get_start_method', 'log_to_stderr', 'parent_process', 'set_executable', 'set_forkserver_preload',
    'set_start_method',
]
