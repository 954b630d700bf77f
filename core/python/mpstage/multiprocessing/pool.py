# SPDX-License-Identifier: MIT
"""multiprocessing.pool.Pool on the engine: worker processes (daemons named ForkPoolWorker-N) take tasks from one
queue and put results on another, which a thread of the pool's owner reads, as in CPython. CPython's two queues
are SimpleQueues; here they are Queues, which the stage draws whole (a SimpleQueue shows as its pipe and its
two locks), and which behave the same to the pool's user: tasks in order, every result once."""

import itertools
import os
import threading

from mpstage._errors import TimeoutError, not_supported
from .process import Process
from .queues import Queue

__all__ = ['Pool', 'ThreadPool']

RUN, CLOSE, TERMINATE = 0, 1, 2

_job_counter = itertools.count()


def mapstar(args):
    return list(map(*args))


def starmapstar(args):
    return list(itertools.starmap(args[0], args[1]))


class MaybeEncodingError(Exception):
    """Wraps possible unpickleable errors, so they can be safely sent through the socket."""

    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super().__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)

    def __repr__(self):
        return "<%s: %s>" % (self.__class__.__name__, self)


def worker(inqueue, outqueue, initializer=None, initargs=()):
    if initializer is not None:
        initializer(*initargs)
    while True:
        task = inqueue.get()
        if task is None:
            break
        job, i, func, args, kwds = task
        try:
            result = (True, func(*args, **kwds))
        except Exception as e:
            result = (False, e)
        try:
            outqueue.put((job, i, result))
        except Exception as e:
            outqueue.put((job, i, (False, MaybeEncodingError(e, result[1]))))
        task = job = result = func = args = kwds = None


class ApplyResult:
    def __init__(self, pool, callback, error_callback):
        self._pool = pool
        self._event = threading.Event()
        self._job = next(_job_counter)
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


AsyncResult = ApplyResult


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
                self._success = False
                self._value = result
            if self._number_left == 0:
                if self._error_callback:
                    self._error_callback(self._value)
                del self._cache[self._job]
                self._event.set()
                self._pool = None


class IMapIterator:
    def __init__(self, pool, ordered):
        self._pool = pool
        self._cond = threading.Condition(threading.Lock())
        self._job = next(_job_counter)
        self._cache = pool._cache
        self._items = {}
        self._unordered = []
        self._ordered = ordered
        self._index = 0
        self._length = None
        self._cache[self._job] = self

    def __iter__(self):
        return self

    def next(self, timeout=None):
        with self._cond:
            while True:
                if self._ordered and self._index in self._items:
                    success, value = self._items.pop(self._index)
                    break
                if not self._ordered and self._unordered:
                    success, value = self._unordered.pop(0)
                    break
                if self._index == self._length:
                    self._pool = None
                    raise StopIteration from None
                if not self._cond.wait(timeout):
                    raise TimeoutError from None
            self._index += 1
        if success:
            return value
        raise value

    __next__ = next

    def _set(self, i, obj):
        with self._cond:
            if self._ordered:
                self._items[i] = obj
            else:
                self._unordered.append(obj)
            self._cond.notify()
            if self._length is not None and len(self._items) + self._index >= self._length:
                self._cache.pop(self._job, None)

    def _set_length(self, length):
        with self._cond:
            self._length = length
            if self._index == self._length:
                self._cache.pop(self._job, None)
            self._cond.notify()


class Pool:
    """A pool of worker processes to which jobs can be submitted."""

    _wrap_exception = True

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
        if maxtasksperchild is not None:
            not_supported("Pool(maxtasksperchild=...)", "workers are not replaced during a run")
        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        self._state = RUN
        self._cache = {}
        self._processes = processes
        self._inqueue = Queue()
        self._outqueue = Queue()
        self._pool = []
        for _ in range(processes):
            w = Process(target=worker, args=(self._inqueue, self._outqueue, initializer, initargs))
            w.name = w.name.replace('Process', 'ForkPoolWorker')
            w.daemon = True
            w.start()
            self._pool.append(w)
        self._result_handler = threading.Thread(target=self._handle_results, daemon=True)
        self._result_handler.start()

    def _handle_results(self):
        while True:
            task = self._outqueue.get()
            if task is None:
                return
            job, i, obj = task
            result = self._cache.get(job)
            if result is not None:
                result._set(i, obj)

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    def _submit(self, tasks):
        for task in tasks:
            self._inqueue.put(task)

    def apply(self, func, args=(), kwds={}):
        """Equivalent of `func(*args, **kwds)`."""
        return self.apply_async(func, args, kwds).get()

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = ApplyResult(self, callback, error_callback)
        self._submit([(result._job, 0, func, args, kwds)])
        return result

    def _map_async(self, func, iterable, mapper, chunksize=None, callback=None, error_callback=None):
        self._check_running()
        if not hasattr(iterable, '__len__'):
            iterable = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(iterable), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if len(iterable) == 0:
            chunksize = 0
        result = MapResult(self, chunksize, len(iterable), callback, error_callback=error_callback)
        if chunksize:
            it = iter(iterable)
            chunks = iter(lambda: tuple(itertools.islice(it, chunksize)), ())
            self._submit([(result._job, i, mapper, ((func, chunk),), {}) for i, chunk in enumerate(chunks)])
        return result

    def map(self, func, iterable, chunksize=None):
        """Apply `func` to each element in `iterable`, collecting the results in a list that is returned."""
        return self._map_async(func, iterable, mapstar, chunksize).get()

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, mapstar, chunksize, callback, error_callback)

    def starmap(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, starmapstar, chunksize).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, starmapstar, chunksize, callback, error_callback)

    def _imap(self, func, iterable, chunksize, ordered):
        self._check_running()
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        result = IMapIterator(self, ordered)
        it = iter(iterable)
        tasks = []
        for i, chunk in enumerate(iter(lambda: tuple(itertools.islice(it, chunksize)), ())):
            tasks.append((result._job, i, mapstar, ((func, chunk),), {}))
        result._chunks = len(tasks)
        self._submit(tasks)
        result._set_length(len(tasks))
        if chunksize == 1:
            return result
        return (item for chunk in result for item in chunk)

    def imap(self, func, iterable, chunksize=1):
        """Like `map()`, lazier: results are yielded in order as they come."""
        return self._imap(func, iterable, chunksize, True) if chunksize != 1 else self._imap1(func, iterable, True)

    def imap_unordered(self, func, iterable, chunksize=1):
        """Like `imap()`, but results are yielded as soon as each is ready."""
        return self._imap(func, iterable, chunksize, False) if chunksize != 1 else self._imap1(func, iterable, False)

    def _imap1(self, func, iterable, ordered):
        self._check_running()
        result = IMapIterator(self, ordered)
        tasks = [(result._job, i, func, (x,), {}) for i, x in enumerate(iterable)]
        self._submit(tasks)
        result._set_length(len(tasks))
        return result

    def close(self):
        """Prevents any more tasks from being submitted; the workers exit when the tasks are done."""
        if self._state == RUN:
            self._state = CLOSE
            for _ in self._pool:
                self._inqueue.put(None)

    def terminate(self):
        """Stops the worker processes immediately without completing outstanding work."""
        self._state = TERMINATE
        for w in self._pool:
            if w.exitcode is None:
                w.terminate()
        for w in self._pool:
            w.join()
        self._stop_results()

    def join(self):
        """Wait for the worker processes to exit (after close() or terminate())."""
        if self._state == RUN:
            raise ValueError("Pool is still running")
        for w in self._pool:
            w.join()
        self._stop_results()

    def _stop_results(self):
        if self._result_handler.is_alive():
            self._outqueue.put(None)
            self._result_handler.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()

    def __reduce__(self):
        raise NotImplementedError('pool objects cannot be passed between processes or pickled')

    def __repr__(self):
        state = {RUN: 'RUN', CLOSE: 'CLOSE', TERMINATE: 'TERMINATE'}[self._state]
        return '<%s.%s state=%s pool_size=%d>' % (self.__class__.__module__, self.__class__.__qualname__, state,
                                                  len(self._pool))


def ThreadPool(*args, **kwargs):
    not_supported("multiprocessing.pool.ThreadPool", "the stage draws processes, not threads")
