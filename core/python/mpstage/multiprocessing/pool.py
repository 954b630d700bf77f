# SPDX-License-Identifier: MIT
"""multiprocessing.pool.Pool on the engine, built as CPython's: worker processes (daemons named
ForkPoolWorker-N) take tasks from one queue and put results on another; three threads of the pool's owner
hand the tasks over (lazily, so imap() takes an endless iterable), read the results, and keep the pool full
(a worker that ends, after maxtasksperchild tasks or killed, is replaced). A worker's exception reaches the
caller with its traceback as __cause__ (multiprocessing.pool.RemoteTraceback), and what cannot be pickled
fails the task as in CPython (PicklingError, MaybeEncodingError). CPython's two queues are SimpleQueues;
here they are Queues, which the stage draws whole (a SimpleQueue shows as its pipe and its two locks); as
a Queue pickles in its feeder thread, the pool pickles each task and result once first, to fail where
CPython fails."""

import atexit
import collections
import itertools
import os
import pickle
import queue
import select
import threading
import time
import traceback
import types
import weakref

from mpstage._errors import TimeoutError, not_supported
from .context import get_context
from .queues import Queue

__all__ = ['Pool', 'ThreadPool']

INIT = "INIT"
RUN = "RUN"
CLOSE = "CLOSE"
TERMINATE = "TERMINATE"

job_counter = itertools.count()


def mapstar(args):
    return list(map(*args))


def starmapstar(args):
    return list(itertools.starmap(args[0], args[1]))


class RemoteTraceback(Exception):
    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


class ExceptionWithTraceback:
    def __init__(self, exc, tb):
        tb = traceback.format_exception(type(exc), exc, tb)
        tb = ''.join(tb)
        self.exc = exc
        self.tb = '\n"""\n%s"""' % tb

    def __reduce__(self):
        return rebuild_exc, (self.exc, self.tb)


def rebuild_exc(exc, tb):
    exc.__cause__ = RemoteTraceback(tb)
    return exc


class MaybeEncodingError(Exception):
    """Wraps possible unpickleable errors, so they can be safely sent through the socket."""

    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super(MaybeEncodingError, self).__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)

    def __repr__(self):
        return "<%s: %s>" % (self.__class__.__name__, self)


def _picklable(obj):
    """Raises what putting obj on a pipe raises in CPython (the engine's Queue pickles later, in its feeder)."""
    pickle.dumps(obj)


def worker(inqueue, outqueue, initializer=None, initargs=(), maxtasks=None, wrap_exception=False):
    if (maxtasks is not None) and not (isinstance(maxtasks, int) and maxtasks >= 1):
        raise AssertionError("Maxtasks {!r} is not valid".format(maxtasks))
    put = outqueue.put
    get = inqueue.get

    if initializer is not None:
        initializer(*initargs)

    completed = 0
    while maxtasks is None or (maxtasks and completed < maxtasks):
        try:
            task = get()
        except (EOFError, OSError):
            break

        if task is None:
            break

        job, i, func, args, kwds = task
        try:
            result = (True, func(*args, **kwds))
        except Exception as e:
            if wrap_exception and func is not _helper_reraises_exception:
                e = ExceptionWithTraceback(e, e.__traceback__)
            result = (False, e)
        try:
            _picklable(result)
            put((job, i, result))
        except Exception as e:
            wrapped = MaybeEncodingError(e, result[1])
            put((job, i, (False, wrapped)))

        task = job = result = func = args = kwds = None
        completed += 1


def _helper_reraises_exception(ex):
    """Pickle-able helper function for use by _guarded_task_generation."""
    raise ex


class _PoolCache(dict):
    """The pool's results by job; tells the worker handler when it becomes empty."""

    def __init__(self, /, *args, notifier=None, **kwds):
        self.notifier = notifier
        super().__init__(*args, **kwds)

    def __delitem__(self, item):
        super().__delitem__(item)
        if not self:
            self.notifier.put(None)


class _Notifier:
    """The change notifier of CPython's pool, for the threads of one process: a pipe the worker handler
    selects on beside the workers' sentinels."""

    def __init__(self):
        self._r, self._w = os.pipe2(os.O_CLOEXEC)
        os.set_blocking(self._r, False)
        self._pid = os.getpid()

    def put(self, _):
        if os.getpid() == self._pid:
            try:
                os.write(self._w, b'x')
            except (BlockingIOError, OSError):
                pass

    def fileno(self):
        return self._r

    def drain(self):
        try:
            while os.read(self._r, 4096):
                pass
        except (BlockingIOError, OSError):
            pass

    def close(self):
        if os.getpid() == self._pid and self._r >= 0:
            os.close(self._r)
            os.close(self._w)
            self._r = self._w = -1


class _Machinery:
    """What the pool's threads use: none of them holds the Pool itself, so that a pool nobody refers to any
    more is terminated (weakref.finalize), as CPython's is."""

    def __init__(self, pool):
        self.ctx = pool._ctx
        self.Process = pool.Process
        self.pool = pool._pool
        self.processes = pool._processes
        self.inqueue = pool._inqueue
        self.outqueue = pool._outqueue
        self.taskqueue = pool._taskqueue
        self.change_notifier = pool._change_notifier
        self.cache = pool._cache
        self.initializer = pool._initializer
        self.initargs = pool._initargs
        self.maxtasksperchild = pool._maxtasksperchild
        self.wrap_exception = pool._wrap_exception
        self.owner = os.getpid()
        self.terminated = False
        self.worker_handler = self.task_handler = self.result_handler = None

    def repopulate_pool(self):
        """Bring the number of pool processes up to the specified number, for use after reaping workers
        which have exited."""
        for _ in range(self.processes - len(self.pool)):
            w = self.Process(self.ctx, target=worker,
                             args=(self.inqueue, self.outqueue, self.initializer, self.initargs,
                                   self.maxtasksperchild, self.wrap_exception))
            w.name = w.name.replace('Process', 'PoolWorker')
            w.daemon = True
            w.start()
            self.pool.append(w)

    def join_exited_workers(self):
        """Cleanup after any worker processes which have exited due to reaching their specified lifetime.
        Returns True if any workers were cleaned up."""
        from . import process
        cleaned = False
        for i in reversed(range(len(self.pool))):
            w = self.pool[i]
            if w.exitcode is not None:
                # CPython joins it, which only forgets it now: the engine's join would change the list of
                # children without the GIL while the main thread may be starting a process
                process._children.discard(w)
                cleaned = True
                del self.pool[i]
        return cleaned

    def _handle_workers(self):
        thread = threading.current_thread()
        # Keep maintaining workers until the cache gets drained, unless the pool is terminated.
        while thread._state == RUN or (self.cache and thread._state != TERMINATE):
            if self.join_exited_workers():
                self.repopulate_pool()
            sentinels = [w.sentinel for w in self.pool if w.exitcode is None]
            try:
                select.select(sentinels + [self.change_notifier], [], [])
            except (OSError, ValueError):
                pass
            self.change_notifier.drain()
        # send sentinel to stop workers
        self.taskqueue.put(None)

    def _handle_tasks(self):
        thread = threading.current_thread()
        cache = self.cache
        put = self.inqueue.put
        for taskseq, set_length in iter(self.taskqueue.get, None):
            task = None
            try:
                # iterating taskseq cannot fail
                for task in taskseq:
                    if thread._state != RUN:
                        break
                    try:
                        _picklable(task)
                        put(task)
                    except Exception as e:
                        job, idx = task[:2]
                        try:
                            cache[job]._set(idx, (False, e))
                        except KeyError:
                            pass
                else:
                    if set_length:
                        idx = task[1] if task else -1
                        set_length(idx + 1)
                    continue
                break
            finally:
                task = taskseq = job = None

        try:
            # tell result handler to finish when cache is empty
            self.outqueue.put(None)
            # tell workers there is no more work
            for _ in self.pool:
                put(None)
        except (OSError, ValueError):
            pass

    def _handle_results(self):
        thread = threading.current_thread()
        cache = self.cache
        get = self.outqueue.get
        while True:
            try:
                task = get()
            except (OSError, EOFError, ValueError):
                return
            if thread._state != RUN:
                break
            if task is None:
                break
            job, i, obj = task
            try:
                cache[job]._set(i, obj)
            except KeyError:
                pass
            task = job = obj = None

        while cache and thread._state != TERMINATE:
            try:
                task = get()
            except (OSError, EOFError, ValueError):
                return
            if task is None:
                continue
            job, i, obj = task
            try:
                cache[job]._set(i, obj)
            except KeyError:
                pass
            task = job = obj = None

    def start_threads(self):
        for name in ('worker_handler', 'task_handler', 'result_handler'):
            t = threading.Thread(target=getattr(self, '_handle_' + name.split('_')[0] + 's'))
            t.daemon = True
            t._state = RUN
            setattr(self, name, t)
            t.start()
        _live.add(self)

    def terminate_pool(self):
        """Runs once: from terminate(), the with-statement's end, the exit of the process, or when nothing
        refers to the pool any more."""
        if self.terminated or os.getpid() != self.owner:
            return
        self.terminated = True
        _live.discard(self)
        me = threading.current_thread()
        self.worker_handler._state = TERMINATE
        self.change_notifier.put(None)
        self.task_handler._state = TERMINATE
        self.result_handler._state = TERMINATE
        self.outqueue.put(None)  # sentinel

        # The tasks no worker has taken are for nobody (CPython's _help_stuff_finish): read before the workers'
        # sentinels are sent, so that the process's exit does not wait for a reader of the queue.
        _drain(self.inqueue)

        # Wait for the worker handler to exit before terminating workers, so that none is restarted behind
        # our back.
        if me is not self.worker_handler:
            self.worker_handler.join()
        if me is not self.task_handler:
            self.task_handler.join()

        # In CPython the workers waiting for a task mostly read the sentinels the task handler has just sent
        # and leave on their own (flushing what they printed) before they are terminated: here they are given
        # the moment that takes (the sentinels again, as the drain may have read some).
        for _ in self.pool:
            self.inqueue.put(None)
        alive = [p for p in self.pool if p.exitcode is None]
        deadline = time.monotonic() + _WORKERS_LEAVE
        while alive and deadline > time.monotonic():
            try:
                select.select([p.sentinel for p in alive], [], [], deadline - time.monotonic())
            except (OSError, ValueError):
                break
            alive = [p for p in alive if p.exitcode is None]

        # Terminate workers which haven't already finished.
        for p in self.pool:
            if p.exitcode is None:
                p.terminate()

        if me is not self.result_handler:
            self.result_handler.join()
        for p in self.pool:
            if p.is_alive():
                p.join()
        # what is left: sentinels no worker read, results nobody reads any more
        _drain(self.inqueue)
        _drain(self.outqueue)


def _drain(q):
    """Takes what is still in q (put, not yet got), while something comes."""
    while True:
        try:
            if q.qsize() <= 0:
                return
            q.get(timeout=0.1)
        except queue.Empty:
            return  # nothing arrives: a worker took it as it was terminated
        except Exception:
            return


_WORKERS_LEAVE = 0.05  # seconds the idle workers of a terminated pool have to take their sentinel
_live = set()  # the machinery of the pools of this process not yet terminated


class Pool:
    """Class which supports an async version of applying functions to arguments."""

    _wrap_exception = True

    @staticmethod
    def Process(ctx, *args, **kwds):
        return ctx.Process(*args, **kwds)

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
        self._pool = []
        self._state = INIT

        self._ctx = context or get_context()
        self._inqueue = Queue(ctx=get_context())
        self._outqueue = Queue(ctx=get_context())
        self._taskqueue = queue.SimpleQueue()
        self._change_notifier = _Notifier()
        self._cache = _PoolCache(notifier=self._change_notifier)
        self._maxtasksperchild = maxtasksperchild
        self._initializer = initializer
        self._initargs = initargs

        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None:
            if not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0:
                raise ValueError("maxtasksperchild must be a positive int or None")

        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')

        self._processes = processes
        self._m = _Machinery(self)
        try:
            self._m.repopulate_pool()
        except Exception:
            for p in self._pool:
                if p.exitcode is None:
                    p.terminate()
            for p in self._pool:
                p.join()
            raise

        self._m.start_threads()
        self._worker_handler = self._m.worker_handler
        self._task_handler = self._m.task_handler
        self._result_handler = self._m.result_handler
        self._terminate = weakref.finalize(self, self._m.terminate_pool)
        self._terminate.atexit = False  # at exit _terminate_live_pools() does it, before the engine's exit
        self._state = RUN

    def __repr__(self):
        cls = self.__class__
        return (f'<{cls.__module__}.{cls.__qualname__} '
                f'state={self._state} '
                f'pool_size={len(self._pool)}>')

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    def apply(self, func, args=(), kwds={}):
        """Equivalent of `func(*args, **kwds)`. Pool must be running."""
        return self.apply_async(func, args, kwds).get()

    def map(self, func, iterable, chunksize=None):
        """Apply `func` to each element in `iterable`, collecting the results in a list that is returned."""
        return self._map_async(func, iterable, mapstar, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        """Like `map()` method but the elements of the `iterable` are expected to be iterables as well and
        will be unpacked as arguments. Hence `func` and (a, b) becomes func(a, b)."""
        return self._map_async(func, iterable, starmapstar, chunksize).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        """Asynchronous version of `starmap()` method."""
        return self._map_async(func, iterable, starmapstar, chunksize, callback, error_callback)

    def _guarded_task_generation(self, result_job, func, iterable):
        """Provides a generator of tasks for imap and imap_unordered with appropriate handling for
        iterables which throw exceptions during iteration."""
        try:
            i = -1
            for i, x in enumerate(iterable):
                yield (result_job, i, func, (x,), {})
        except Exception as e:
            yield (result_job, i + 1, _helper_reraises_exception, (e,), {})

    def imap(self, func, iterable, chunksize=1):
        """Equivalent of `map()` -- can be MUCH slower than `Pool.map()`."""
        self._check_running()
        if chunksize == 1:
            result = IMapIterator(self)
            self._taskqueue.put((self._guarded_task_generation(result._job, func, iterable), result._set_length))
            return result
        else:
            if chunksize < 1:
                raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
            task_batches = Pool._get_tasks(func, iterable, chunksize)
            result = IMapIterator(self)
            self._taskqueue.put((self._guarded_task_generation(result._job, mapstar, task_batches),
                                 result._set_length))
            return (item for chunk in result for item in chunk)

    def imap_unordered(self, func, iterable, chunksize=1):
        """Like `imap()` method but ordering of results is arbitrary."""
        self._check_running()
        if chunksize == 1:
            result = IMapUnorderedIterator(self)
            self._taskqueue.put((self._guarded_task_generation(result._job, func, iterable), result._set_length))
            return result
        else:
            if chunksize < 1:
                raise ValueError("Chunksize must be 1+, not {0!r}".format(chunksize))
            task_batches = Pool._get_tasks(func, iterable, chunksize)
            result = IMapUnorderedIterator(self)
            self._taskqueue.put((self._guarded_task_generation(result._job, mapstar, task_batches),
                                 result._set_length))
            return (item for chunk in result for item in chunk)

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        """Asynchronous version of `apply()` method."""
        self._check_running()
        result = ApplyResult(self, callback, error_callback)
        self._taskqueue.put(([(result._job, 0, func, args, kwds)], None))
        return result

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        """Asynchronous version of `map()` method."""
        return self._map_async(func, iterable, mapstar, chunksize, callback, error_callback)

    def _map_async(self, func, iterable, mapper, chunksize=None, callback=None, error_callback=None):
        """Helper function to implement map, starmap and their async counterparts."""
        self._check_running()
        if not hasattr(iterable, '__len__'):
            iterable = list(iterable)

        if chunksize is None:
            chunksize, extra = divmod(len(iterable), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if len(iterable) == 0:
            chunksize = 0

        task_batches = Pool._get_tasks(func, iterable, chunksize)
        result = MapResult(self, chunksize, len(iterable), callback, error_callback=error_callback)
        self._taskqueue.put((self._guarded_task_generation(result._job, mapper, task_batches), None))
        return result

    @staticmethod
    def _get_tasks(func, it, size):
        it = iter(it)
        while 1:
            x = tuple(itertools.islice(it, size))
            if not x:
                return
            yield (func, x)

    def __reduce__(self):
        raise NotImplementedError('pool objects cannot be passed between processes or pickled')

    def close(self):
        if self._state == RUN:
            self._state = CLOSE
            self._worker_handler._state = CLOSE
            self._change_notifier.put(None)

    def terminate(self):
        self._state = TERMINATE
        self._terminate()

    def join(self):
        if self._state == RUN:
            raise ValueError("Pool is still running")
        elif self._state not in (CLOSE, TERMINATE):
            raise ValueError("In unknown state")
        self._worker_handler.join()
        self._task_handler.join()
        self._result_handler.join()
        for p in self._pool:
            p.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()


class ApplyResult:

    def __init__(self, pool, callback, error_callback):
        self._pool = pool
        self._event = threading.Event()
        self._job = next(job_counter)
        self._cache = pool._cache
        self._callback = callback
        self._error_callback = error_callback
        self._cache[self._job] = self

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._success

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise TimeoutError
        if self._success:
            return self._value
        else:
            raise self._value

    def _set(self, i, obj):
        self._success, self._value = obj
        if self._callback and self._success:
            self._callback(self._value)
        if self._error_callback and not self._success:
            self._error_callback(self._value)
        self._event.set()
        del self._cache[self._job]
        self._pool = None

    __class_getitem__ = classmethod(types.GenericAlias)


AsyncResult = ApplyResult       # create alias -- see #17805


class MapResult(ApplyResult):

    def __init__(self, pool, chunksize, length, callback, error_callback):
        ApplyResult.__init__(self, pool, callback, error_callback=error_callback)
        self._success = True
        self._value = [None] * length
        self._chunksize = chunksize
        if chunksize <= 0:
            self._number_left = 0
            self._event.set()
            del self._cache[self._job]
        else:
            self._number_left = length // chunksize + bool(length % chunksize)

    def _set(self, i, success_result):
        self._number_left -= 1
        success, result = success_result
        if success and self._success:
            self._value[i * self._chunksize:(i + 1) * self._chunksize] = result
            if self._number_left == 0:
                if self._callback:
                    self._callback(self._value)
                del self._cache[self._job]
                self._event.set()
                self._pool = None
        else:
            if not success and self._success:
                # only store first exception
                self._success = False
                self._value = result
            if self._number_left == 0:
                # only consider the result ready once all jobs are done
                if self._error_callback:
                    self._error_callback(self._value)
                del self._cache[self._job]
                self._event.set()
                self._pool = None


class IMapIterator:

    def __init__(self, pool):
        self._pool = pool
        self._cond = threading.Condition(threading.Lock())
        self._job = next(job_counter)
        self._cache = pool._cache
        self._items = collections.deque()
        self._index = 0
        self._length = None
        self._unsorted = {}
        self._cache[self._job] = self

    def __iter__(self):
        return self

    def next(self, timeout=None):
        with self._cond:
            try:
                item = self._items.popleft()
            except IndexError:
                if self._index == self._length:
                    self._pool = None
                    raise StopIteration from None
                self._cond.wait(timeout)
                try:
                    item = self._items.popleft()
                except IndexError:
                    if self._index == self._length:
                        self._pool = None
                        raise StopIteration from None
                    raise TimeoutError from None

        success, value = item
        if success:
            return value
        raise value

    __next__ = next

    def _set(self, i, obj):
        with self._cond:
            if self._index == i:
                self._items.append(obj)
                self._index += 1
                while self._index in self._unsorted:
                    obj = self._unsorted.pop(self._index)
                    self._items.append(obj)
                    self._index += 1
                self._cond.notify()
            else:
                self._unsorted[i] = obj

            if self._index == self._length:
                del self._cache[self._job]
                self._pool = None

    def _set_length(self, length):
        with self._cond:
            self._length = length
            if self._index == self._length:
                self._cond.notify()
                del self._cache[self._job]
                self._pool = None


class IMapUnorderedIterator(IMapIterator):

    def _set(self, i, obj):
        with self._cond:
            self._items.append(obj)
            self._index += 1
            self._cond.notify()
            if self._index == self._length:
                del self._cache[self._job]
                self._pool = None


def _terminate_live_pools():
    """At the exit of a process, its pools not yet terminated are terminated first (CPython's pool
    finalizer, exit priority 15): the workers are stopped before the queues are flushed."""
    for m in list(_live):
        try:
            m.terminate_pool()
        except Exception:
            pass


def _forget_pools():
    """In a new child: its parent's pools are not its own."""
    _live.clear()


atexit.register(_terminate_live_pools)  # runs before the engine's exit function, registered earlier


def ThreadPool(*args, **kwargs):
    not_supported("multiprocessing.pool.ThreadPool", "the stage draws processes, not threads")


for _cls in (RemoteTraceback, ExceptionWithTraceback, MaybeEncodingError, Pool, ApplyResult, MapResult,
             IMapIterator, IMapUnorderedIterator):
    _cls.__module__ = 'multiprocessing.pool'
del _cls
