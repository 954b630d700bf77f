# SPDX-License-Identifier: MIT
"""Start methods and contexts, as CPython's multiprocessing.context: the module's functions are those of a
default context whose start method can be set once (RuntimeError 'context has already been set' after that,
or once a Queue, a Process or a Pool has used it), and get_context('fork') gives the ForkContext, whose
Process is ForkProcess (named ForkProcess-N). mpstage's processes are forked: 'spawn' and 'forkserver' stop
the run with one sentence (not_supported)."""

import os
import sys

from mpstage._errors import AuthenticationError, BufferTooShort, ProcessError, TimeoutError, not_supported
from . import process
from .process import Process

__all__ = ()

_METHODS = ('fork', 'spawn', 'forkserver')  # what CPython 3.11 lists on Linux


def _package():
    return sys.modules['mpstage.multiprocessing']


class BaseContext:
    ProcessError = ProcessError
    BufferTooShort = BufferTooShort
    TimeoutError = TimeoutError
    AuthenticationError = AuthenticationError

    current_process = staticmethod(process.current_process)
    parent_process = staticmethod(process.parent_process)
    active_children = staticmethod(process.active_children)

    def cpu_count(self):
        """Returns the number of CPUs in the system"""
        num = os.cpu_count()
        if num is None:
            raise NotImplementedError('cannot determine number of cpus')
        return num

    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        """Returns a process pool object"""
        from .pool import Pool
        return Pool(processes, initializer, initargs, maxtasksperchild, context=self.get_context())

    def __getattr__(self, name):
        # Queue, Lock, Value, Pipe, Manager...: the package's own functions (they use the one context there is)
        if name.startswith('_') or name not in _package().__all__:
            raise AttributeError("%r object has no attribute %r" % (type(self).__name__, name))
        return getattr(_package(), name)

    def get_context(self, method=None):
        if method is None:
            return self
        if method not in _concrete_contexts:
            raise ValueError('cannot find context for %r' % method) from None
        if method != 'fork':
            not_supported("the %r start method" % method,
                          "the engine's processes are forked (the 'fork' method, Linux's default in Python 3.11)",
                          depth=3)
        return _concrete_contexts[method]

    def get_start_method(self, allow_none=False):
        return self._name

    def set_start_method(self, method, force=False):
        raise ValueError('cannot set start method of concrete context')

    def get_all_start_methods(self):
        return list(_METHODS)

    def set_executable(self, executable):
        pass

    def set_forkserver_preload(self, module_names):
        pass

    @property
    def reducer(self):
        import pickle
        return pickle

    @reducer.setter
    def reducer(self, reduction):
        pass

    def _check_available(self):
        pass


class ForkProcess(process.BaseProcess):
    _start_method = 'fork'


class ForkContext(BaseContext):
    _name = 'fork'
    Process = ForkProcess


class DefaultContext(BaseContext):
    Process = Process

    def __init__(self, context):
        self._default_context = context
        self._actual_context = None

    def get_context(self, method=None):
        if method is None:
            if self._actual_context is None:
                self._actual_context = self._default_context
            return self._actual_context
        return super().get_context(method)

    def set_start_method(self, method, force=False):
        if self._actual_context is not None and not force:
            raise RuntimeError('context has already been set')
        if method is None and force:
            self._actual_context = None
            return
        self._actual_context = self.get_context(method)

    def get_start_method(self, allow_none=False):
        if self._actual_context is None:
            if allow_none:
                return None
            self._actual_context = self._default_context
        return self._actual_context._name


_concrete_contexts = {'fork': ForkContext(), 'spawn': None, 'forkserver': None}
_default_context = DefaultContext(_concrete_contexts['fork'])

# the names a program sees, as CPython's (type(ctx), uncaught exceptions, print(SomeClass))
for _cls in (BaseContext, ForkProcess, ForkContext, DefaultContext, Process, ProcessError, BufferTooShort,
             TimeoutError, AuthenticationError):
    _cls.__module__ = 'multiprocessing.context'
del _cls

# the package's functions, bound to the default context as CPython's are
get_context = _default_context.get_context
set_start_method = _default_context.set_start_method
get_start_method = _default_context.get_start_method
get_all_start_methods = _default_context.get_all_start_methods
set_executable = _default_context.set_executable
set_forkserver_preload = _default_context.set_forkserver_preload
