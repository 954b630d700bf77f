# SPDX-License-Identifier: MIT
"""multiprocessing.synchronize on the engine's process-shared locks."""

import threading

import _mpstage
from _mpstage import BoundedSemaphore, Event, Lock, RLock, Semaphore, SemLock

__all__ = ['Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier', 'SemLock']


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


class Condition(_mpstage.Condition):
    """multiprocessing.synchronize.Condition: the engine's, with the lock it was given kept for its repr."""

    def __init__(self, lock=None):
        lock = lock or None  # CPython: `lock or ctx.RLock()`
        super().__init__(lock)
        self._given_lock = lock

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


Condition.__module__ = 'multiprocessing.synchronize'


def _event_repr(self):
    return '<%s at %#x %s>' % (type(self).__qualname__, id(self), 'set' if self.is_set() else 'unset')


Event.__repr__ = _event_repr


class Barrier(_mpstage.Barrier, threading.Barrier):
    """multiprocessing.synchronize.Barrier: the engine's, and a threading.Barrier as CPython's is (whose
    __repr__ it uses)."""


Barrier.__module__ = 'multiprocessing.synchronize'
