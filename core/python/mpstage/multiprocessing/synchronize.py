# SPDX-License-Identifier: MIT
"""multiprocessing.synchronize on the engine's process-shared locks."""

import math
import threading
import time

import _mpstage
from _mpstage import BoundedSemaphore, Lock, RLock, Semaphore, SemLock

__all__ = ['Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event']  # CPython's (no Barrier)

RECURSIVE_MUTEX, SEMAPHORE = list(range(2))
SEM_VALUE_MAX = 2147483647


def _owner_name():
    """Who holds a lock this thread holds, as CPython's Lock.__repr__ and RLock.__repr__ name it."""
    from .process import current_process
    name = current_process().name
    if threading.current_thread().name != 'MainThread':
        name += '|' + threading.current_thread().name
    return name


# The reprs are CPython's (synchronize.py), computed from the same per-process state: the engine's
# _is_mine(), _count() and _get_value() are SemLock's.
def _lock_repr(self):
    try:
        if self._is_mine():
            name = _owner_name()
        elif self._get_value() == 1:
            name = 'None'
        elif self._count() > 0:
            name = 'SomeOtherThread'
        else:
            name = 'SomeOtherProcess'
    except Exception:
        name = 'unknown'
    return '<%s(owner=%s)>' % (type(self).__name__, name)


def _rlock_state(is_mine, count, get_value):
    try:
        if is_mine():
            return _owner_name(), count()
        if get_value() == 1:
            return 'None', 0
        if count() > 0:
            return 'SomeOtherThread', 'nonzero'
        return 'SomeOtherProcess', 'nonzero'
    except Exception:
        return 'unknown', 'unknown'


def _rlock_repr(self):
    return '<%s(%s, %s)>' % ((type(self).__name__,) + _rlock_state(self._is_mine, self._count, self._get_value))


Lock.__repr__ = _lock_repr
RLock.__repr__ = _rlock_repr


def _seconds(timeout):
    """A timeout as SemLock.acquire reads one (PyFloat_AsDouble, as math's functions read their arguments):
    'must be real number, not str'."""
    return math.fsum((timeout,))


class BaseContext:
    """Only for the messages of a wrong call: CPython's mp.Lock, mp.Condition, mp.Barrier... are methods of
    its BaseContext ("BaseContext.Barrier() missing 1 required positional argument: 'parties'")."""

    def Lock(self):
        return ()

    def RLock(self):
        return ()

    def Semaphore(self, value=1):
        return (value,)

    def BoundedSemaphore(self, value=1):
        return (value,)

    def Condition(self, lock=None):
        return lock

    def Event(self):
        pass

    def Barrier(self, parties, action=None, timeout=None):
        return parties, action, timeout


_context_arguments = BaseContext()
del BaseContext


def _checked_init(cls):
    engine_init = cls.__init__
    check = getattr(_context_arguments, cls.__name__)

    def __init__(self, *args, **kwargs):
        engine_init(self, *check(*args, **kwargs))

    cls.__init__ = __init__


for _cls in (Lock, RLock, Semaphore, BoundedSemaphore):
    _checked_init(_cls)
del _cls

_MAX_NOTIFY = 2147483647  # the engine's notify() takes a C int; notify_all() is notify(sys.maxsize)


class Condition(_mpstage.Condition):
    """multiprocessing.synchronize.Condition: the engine's, with CPython's signatures and argument checks, and
    the lock it was given kept for its repr."""

    def __init__(self, *args, **kwargs):
        lock = _context_arguments.Condition(*args, **kwargs) or None  # CPython: `lock or ctx.RLock()`
        if lock is not None and not isinstance(lock, SemLock):
            lock.acquire, lock.release  # CPython's Condition takes these first: AttributeError without them
            raise TypeError('mpstage: a Condition needs a multiprocessing lock (Lock, RLock, Semaphore or '
                            'BoundedSemaphore), not %s' % type(lock).__name__)
        super().__init__(lock)
        self._given_lock = lock
        self._lock_is_recursive = lock is None or isinstance(lock, RLock)  # for acquire() (fast_lock.h)

    def __repr__(self):
        if self._given_lock is not None:
            lock = repr(self._given_lock)
        else:  # the engine's own RLock
            lock = '<RLock(%s, %s)>' % _rlock_state(self._lock_is_mine, self._lock_count, self._lock_get_value)
        try:
            waiters = self._waiters()
        except Exception:
            waiters = 'unknown'
        return '<%s(%s, %s)>' % (type(self).__name__, lock, waiters)

    def wait(self, timeout=None):
        if timeout is not None:
            # not owned: the engine's AssertionError comes first (and reads no timeout)
            timeout = _seconds(timeout) if self._lock_is_mine() else None
        return _mpstage.Condition.wait(self, timeout)

    def notify(self, n=1):
        if self._lock_is_mine():
            if not isinstance(n, int):  # CPython wakes sleepers while `sleepers < n`
                if not 0 < n:
                    n = 0
                elif n == math.inf:
                    n = _MAX_NOTIFY
                else:
                    n = math.ceil(n)
            n = max(0, min(n, _MAX_NOTIFY))
        else:
            n = 1
        _mpstage.Condition.notify(self, n)

    def notify_all(self):
        _mpstage.Condition.notify_all(self)

    # CPython's, line for line.
    def wait_for(self, predicate, timeout=None):
        result = predicate()
        if result:
            return result
        if timeout is not None:
            endtime = time.monotonic() + timeout
        else:
            endtime = None
            waittime = None
        while not result:
            if endtime is not None:
                waittime = endtime - time.monotonic()
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result


Condition.__module__ = 'multiprocessing.synchronize'


class Event(_mpstage.Event):
    """multiprocessing.synchronize.Event: the engine's, with CPython's signatures and repr."""

    def __init__(self, *args, **kwargs):
        _context_arguments.Event(*args, **kwargs)
        super().__init__()

    def is_set(self):
        return _mpstage.Event.is_set(self)

    def set(self):
        _mpstage.Event.set(self)

    def clear(self):
        _mpstage.Event.clear(self)

    def wait(self, timeout=None):
        if timeout is not None:  # a set Event never reads it
            timeout = 0 if _mpstage.Event.is_set(self) else _seconds(timeout)
        return _mpstage.Event.wait(self, timeout)

    def __repr__(self):
        return '<%s at %#x %s>' % (type(self).__qualname__, id(self), 'set' if self.is_set() else 'unset')


Event.__module__ = 'multiprocessing.synchronize'


class Barrier(_mpstage.Barrier, threading.Barrier):
    """multiprocessing.synchronize.Barrier: the engine's, and a threading.Barrier as CPython's is (whose
    __repr__ it uses), with threading.Barrier's signatures."""

    def __init__(self, *args, **kwargs):
        super().__init__(*_context_arguments.Barrier(*args, **kwargs))

    def wait(self, timeout=None):
        return _mpstage.Barrier.wait(self, timeout)

    def reset(self):
        _mpstage.Barrier.reset(self)

    def abort(self):
        _mpstage.Barrier.abort(self)


Barrier.__module__ = 'multiprocessing.synchronize'
