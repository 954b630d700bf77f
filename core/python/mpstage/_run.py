# SPDX-License-Identifier: MIT
"""Runs a program file as MainProcess, as `python3 FILE.py` would: `import multiprocessing` gives the engine's
module, the program's own lines reach the stage, and the exit code is CPython's (0, 1 after a traceback,
SystemExit's code). What mpstage does not provide stops the run with one sentence and exit code 2."""

import os
import sys
import traceback

import _mpstage
from mpstage import install
from mpstage._errors import NotSupportedError

NOT_SUPPORTED_EXIT = 2


def _exit_code(e):
    if e.code is None:
        return 0
    if isinstance(e.code, int):
        return e.code
    sys.stderr.write(str(e.code) + '\n')
    return 1


def _shutdown():
    """What the interpreter does at exit before multiprocessing's own exit function: join the non-daemon
    threads, then run the program's atexit callbacks."""
    import atexit
    import threading
    threading._shutdown()
    atexit._run_exitfuncs()


def _line_buffered(stream):
    return open(stream.fileno(), 'w', buffering=1, encoding=stream.encoding, errors=stream.errors, closefd=False)


def run_file(path, params=None, line_buffered=False):
    """Runs the program in `path` as __main__ with `params` as module-level names; returns the exit code."""
    given = path
    # as CPython's __main__.__file__: the path as given, joined to the working directory, not normalised
    path = path if os.path.isabs(path) else os.path.join(os.getcwd(), path)
    install()
    _mpstage._set_program(path)
    if line_buffered:  # each printed line reaches the stage whole, when it is printed (PYTHONUNBUFFERED or not)
        sys.stdout = _line_buffered(sys.stdout)
        sys.stderr = _line_buffered(sys.stderr)
    sys.argv = [given]
    sys.path.insert(0, os.path.dirname(os.path.realpath(path)))
    code = 0
    try:
        try:
            with open(path, 'rb') as f:
                source = f.read()
            program = compile(source, path, 'exec')
        except SyntaxError:
            traceback.print_exc(limit=0)
            return 1
        main = sys.modules['__main__']
        main.__dict__.clear()
        import builtins
        main.__dict__.update({'__name__': '__main__', '__file__': path, '__builtins__': builtins,
                              '__doc__': None, '__package__': None, '__spec__': None, '__loader__': None})
        main.__dict__.update(params or {})
        try:
            try:
                exec(program, main.__dict__)
            finally:
                # as CPython's PyRun_SimpleFile: what the program printed is written when its last line has
                # run, before a traceback and before the exit joins its children
                _flush_std_streams()
        except SystemExit as e:
            code = _exit_code(e)
        except NotSupportedError as e:
            sys.stderr.write('mpstage: %s\n' % e)
            code = NOT_SUPPORTED_EXIT
        except BaseException as e:
            # the traceback CPython prints, without this runner's own frame
            traceback.print_exception(type(e), e, e.__traceback__.tb_next)
            code = 1
        try:
            _shutdown()
        except SystemExit as e:
            code = _exit_code(e)
    finally:
        _flush_std_streams()
    return code


def _flush_std_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
