# SPDX-License-Identifier: MIT
"""multiprocessing.process on the engine: Process forks through the engine, which numbers, names, joins and
reaps it as CPython does; the child runs _bootstrap(), whose return value is its exit code."""

import os
import signal
import sys
import threading

import _mpstage

__all__ = ['BaseProcess', 'Process', 'current_process', 'active_children', 'parent_process']

_children = set()
_current = None  # the Process object this process runs, in a child; None in the main process
_parent = None


class _MainProcess:
    """What current_process() returns in the main process."""

    def __init__(self):
        self._name = 'MainProcess'
        self.daemon = False

    name = property(lambda self: self._name, lambda self, name: setattr(self, '_name', name))
    pid = property(lambda self: os.getpid())
    ident = pid
    _identity = ()
    authkey = b''
    exitcode = None

    def is_alive(self):
        return True

    def __repr__(self):
        return "<_MainProcess name=%r parent=None started>" % self._name


_main = _MainProcess()

# as CPython's: a process killed by a signal shows as exitcode=-SIGTERM in its repr
_exitcode_to_name = {}
for _name, _signum in list(signal.__dict__.items()):
    if _name[:3] == 'SIG' and '_' not in _name:
        _exitcode_to_name[-_signum] = f'-{_name}'
del _name, _signum


class BaseProcess:
    """Process objects represent activity that is run in a separate process, as in CPython."""

    _start_method = None

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, 'group argument must be None for now'
        # the engine numbers it (Process-2:1 for a grandchild), before the arguments are looked at, as CPython
        self._handle = _mpstage._Process(self._bootstrap, '')
        self._identity = tuple(int(i) for i in self._handle.name[len('Process-'):].split(':'))
        self._parent_pid = os.getpid()
        self._parent_name = current_process().name
        self._started = False
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        # the name is the class's, as CPython's
        self._name = name or type(self).__name__ + '-' + ':'.join(str(i) for i in self._identity)
        self._handle.name = str(self._name)
        if daemon is not None:
            self.daemon = daemon

    def run(self):
        """Method to be run in sub-process; can be overridden in sub-class."""
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        """Start child process."""
        self._check_closed()
        assert not self._started, 'cannot start a process twice'
        assert self._parent_pid == os.getpid(), 'can only start a process object created by current process'
        assert not current_process().daemon, 'daemonic processes are not allowed to have children'
        _cleanup()
        if self._start_method is None:  # multiprocessing.Process: the default context's start method is now set
            from . import context
            context._default_context.get_context()
        _flush_std_streams()  # as CPython's Popen: the child does not inherit (and print again) what is buffered
        self._handle.start()
        self._started = True
        _children.add(self)

    def terminate(self):
        """Terminate process; sends SIGTERM signal."""
        self._check_closed()
        self._check_popen('terminate')
        self._handle.terminate()

    def kill(self):
        """Terminate process; sends SIGKILL signal."""
        self._check_closed()
        self._check_popen('kill')
        self._handle.kill()

    def _check_popen(self, method):
        if not self._started or self is _current:  # CPython's self._popen is None there
            raise AttributeError("'NoneType' object has no attribute %r" % method)

    def join(self, timeout=None):
        """Wait until child process terminates."""
        self._check_closed()
        assert self._parent_pid == os.getpid(), 'can only join a child process'
        assert self._started, 'can only join a started process'
        self._handle.join(timeout)
        if self._handle.exitcode is not None:
            _children.discard(self)

    def is_alive(self):
        """Return whether process is alive."""
        self._check_closed()
        if self is _current:
            return True
        assert self._parent_pid == os.getpid(), 'can only test a child process'
        if not self._started:
            return False
        alive = self._handle.is_alive()
        if not alive:
            _children.discard(self)
        return alive

    def close(self):
        """Close the Process object; raises ValueError if it is still running."""
        if self._started and self._handle.exitcode is None:
            raise ValueError("Cannot close a process while it is still running. "
                             "You should first call join() or terminate().")
        _children.discard(self)
        self._closed = True

    def _check_closed(self):
        if self._closed:
            raise ValueError("process object is closed")

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), 'name must be a string'
        self._name = name
        self._handle.name = name

    @property
    def daemon(self):
        """Return whether process is a daemon."""
        return self._handle.daemon

    @daemon.setter
    def daemon(self, daemonic):
        assert not self._started, 'process has already started'
        self._handle.daemon = bool(daemonic)

    @property
    def authkey(self):
        return b''

    @property
    def exitcode(self):
        """Return exit code of process or `None` if it has yet to stop."""
        self._check_closed()
        if not self._started:
            return None
        return self._handle.exitcode

    @property
    def ident(self):
        """Return identifier (PID) of process or `None` if it has yet to start."""
        self._check_closed()
        if self is _current:
            return os.getpid()
        return self._handle.pid if self._started else None

    pid = ident

    @property
    def sentinel(self):
        """Return a file descriptor (Unix) that becomes "ready" when the process ends."""
        self._check_closed()
        if not self._started:
            raise ValueError('process not started') from None
        return self._handle.sentinel

    def __repr__(self):
        exitcode = None
        if self is _current:
            status = 'started'
        elif self._closed:
            status = 'closed'
        elif self._parent_pid != os.getpid():
            status = 'unknown'
        elif not self._started:
            status = 'initial'
        else:
            exitcode = self._handle.exitcode
            status = 'started' if exitcode is None else 'stopped'
        info = [type(self).__name__, 'name=%r' % self._name]
        # CPython shows the pid of its Popen, which a child's own Process object and a closed one do not have
        if self._started and self is not _current and not self._closed:
            info.append('pid=%s' % self._handle.pid)
        info.append('parent=%s' % self._parent_pid)
        info.append(status)
        if exitcode is not None:
            info.append('exitcode=%s' % _exitcode_to_name.get(exitcode, exitcode))
        if self.daemon:
            info.append('daemon')
        return '<%s>' % ' '.join(info)

    def _bootstrap(self):
        """Runs in the child, as CPython's BaseProcess._bootstrap: returns the exit code."""
        global _current, _parent, _children
        exitcode = 1
        try:
            if self._start_method is not None:
                from . import context
                context._default_context._actual_context = context._concrete_contexts[self._start_method]
            _parent = _ParentProcess(self._parent_name, self._parent_pid)
            _current = self
            _children = set()
            self._started = True
            pool = sys.modules.get('mpstage.multiprocessing.pool')
            if pool is not None:
                pool._forget_pools()  # the parent's pools are not this process's (CPython clears its finalizers)
            _mpstage._reset_line()
            try:
                self.run()
                exitcode = 0
            finally:
                # multiprocessing.util._exit_function(), before a traceback is printed, as in CPython: this
                # process's pools terminated, queues flushed, daemonic children terminated, the others joined
                pool = sys.modules.get('mpstage.multiprocessing.pool')
                if pool is not None:
                    pool._terminate_live_pools()
                _mpstage._exit_function()
        except SystemExit as e:
            if e.code is None:
                exitcode = 0
            elif isinstance(e.code, int):
                exitcode = e.code
            else:
                sys.stderr.write(str(e.code) + '\n')
                exitcode = 1
        except BaseException:
            exitcode = 1
            import traceback
            sys.stderr.write('Process %s:\n' % self.name)
            traceback.print_exc()
        finally:
            threading._shutdown()
            _flush_std_streams()
        return exitcode


class Process(BaseProcess):
    """multiprocessing.Process: starts with the default context's method (fork)."""
    _start_method = None


class _ParentProcess:
    def __init__(self, name, pid):
        self._pid = pid
        self.name = name
        self.daemon = False
        self._identity = ()

    pid = ident = property(lambda self: self._pid)

    def _ended(self, timeout):
        import select
        try:
            fd = os.pidfd_open(self._pid)
        except OSError:  # it has gone already
            return True
        try:
            return bool(select.select([fd], [], [], timeout)[0])
        finally:
            os.close(fd)

    def is_alive(self):
        return not self._ended(0)

    def join(self, timeout=None):
        self._ended(timeout)

    def __repr__(self):
        return '<_ParentProcess name=%r parent=None unknown>' % self.name


def _flush_std_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, ValueError):
            pass


def _cleanup():
    for p in list(_children):
        if p._handle.exitcode is not None:
            _children.discard(p)


def current_process():
    """Return process object representing the current process."""
    return _current if _current is not None else _main


def active_children():
    """Return list of process objects corresponding to live child processes."""
    _cleanup()
    return [p for p in _children if p._handle.is_alive()]


def parent_process():
    """Return process object representing the parent process (None in the main process)."""
    return _parent


for _cls in (BaseProcess, _MainProcess, _ParentProcess):
    _cls.__module__ = 'multiprocessing.process'
del _cls
