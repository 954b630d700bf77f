# SPDX-License-Identifier: MIT
"""multiprocessing.queues on the engine: a Queue is a local buffer, a feeder thread, a pipe, two locks and a
semaphore, as in CPython; the feeder pickles each object under the GIL when it writes it. The classes are
CPython's names over the engine's objects: the constructors take CPython's arguments and fail as CPython's do,
JoinableQueue is a Queue, and only the constructors run Python code here."""

import _thread
import operator
import threading
import types
import weakref
from queue import Empty, Full  # noqa: F401  (CPython's queues module has them: queues.Empty is queue.Empty)

import _mpstage

__all__ = ['Queue', 'SimpleQueue', 'JoinableQueue']

_SEM_VALUE_MAX = 2147483647  # synchronize.SEM_VALUE_MAX on Linux
_INT_MAX = 2147483647


def _c_int(value):
    """value as SemLock's C int argument takes it: TypeError or OverflowError with CPython's messages."""
    value = operator.index(value)
    if not -_INT_MAX - 1 <= value <= _INT_MAX:
        raise OverflowError('Python int too large to convert to C int')
    return value


def _shared_by_inheritance_only(self):
    # Queue.__getstate__ -> context.assert_spawning
    raise RuntimeError('%s objects should only be shared between processes through inheritance'
                       % type(self).__name__)


class Queue(_mpstage._Queue):

    def __init__(self, maxsize=0, *, ctx):
        if maxsize <= 0:
            maxsize = _SEM_VALUE_MAX
        self._maxsize = maxsize
        _mpstage._Queue.__init__(self, _c_int(maxsize), False)

    __reduce__ = _shared_by_inheritance_only

    @staticmethod
    def _on_queue_feeder_error(e, obj):
        """
        Private API hook called when feeding data in the background thread
        raises an exception.  For overriding by concurrent.futures.
        """
        import traceback
        traceback.print_exc()


def _feeder_error(onerror, e, obj):
    """Queue._feed's except clause for an object the engine's feeder could not pickle: the hook runs with the
    error being handled, its traceback starting in the feeder (this frame) as CPython's starts in _feed."""
    try:
        raise e
    except Exception:
        onerror(e, obj)


class JoinableQueue(Queue):

    def __init__(self, maxsize=0, *, ctx):
        if maxsize <= 0:
            maxsize = _SEM_VALUE_MAX
        self._maxsize = maxsize
        _mpstage._Queue.__init__(self, _c_int(maxsize), True)

    task_done = _mpstage._joinable_task_done
    join = _mpstage._joinable_join


class SimpleQueue(_mpstage._SimpleQueue):

    def __init__(self, *, ctx):
        _mpstage._SimpleQueue.__init__(self)

    __reduce__ = _shared_by_inheritance_only

    __class_getitem__ = classmethod(types.GenericAlias)


class _FeederThread(threading.Thread):
    """What threading lists for a queue's feeder, a native thread of the engine: as CPython's, a started daemon
    Thread named 'QueueFeederThread', alive until join_thread() has joined it. It runs no Python code."""

    def __init__(self, queue):
        super().__init__(name='QueueFeederThread', daemon=True)
        self._queue = weakref.ref(queue)
        self._tstate_lock = _thread.allocate_lock()
        self._tstate_lock.acquire()       # released when the feeder is joined (is_alive, join)
        self._started.set()
        with threading._active_limbo_lock:
            self._ident = id(self)        # a key no real thread has
            threading._active[self._ident] = self

    def run(self):
        raise RuntimeError('the feeder runs in the engine')

    def join(self, timeout=None):
        # CPython's feeder ends by itself once its queue is closed and everything is written: join it there
        queue = self._queue()
        if queue is not None and self._tstate_lock is not None and queue._closed_here():
            queue.join_thread()
        super().join(timeout)

    def _mpstage_finished(self):
        with threading._active_limbo_lock:
            threading._active.pop(self._ident, None)
        if self._tstate_lock is not None and self._tstate_lock.locked():
            self._tstate_lock.release()
        self._wait_for_tstate_lock(False)


for _cls in (Queue, JoinableQueue, SimpleQueue):
    _cls.__module__ = 'multiprocessing.queues'
del _cls
_FeederThread.__module__, _FeederThread.__name__, _FeederThread.__qualname__ = 'threading', 'Thread', 'Thread'
