#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Runs one Python program under CPython's multiprocessing and under mpstage's engine (the module, as
`import multiprocessing` gives it in `python3 -m mpstage`), and fails unless both print the same standard
output (addresses masked), exit with the same code, and print the same standard error once the traceback
frames inside multiprocessing's own files (CPython's, or mpstage's package) are taken out: what a student
sees of a traceback, the 'Process Process-1:' header, the frames of the program and the exception line.

usage: compare.py PROGRAM.py BUILD_PYTHON_DIR
"""

import os
import re
import signal
import subprocess
import sys

PYTHON = '/usr/bin/python3'
ADDRESS = re.compile(r'0x[0-9a-f]{6,}')
SHM_NAME = re.compile(r'psm_[0-9a-f]{8}')  # a SharedMemory block's random name
ON_ENGINE = ('import sys; sys.path.insert(0, sys.argv.pop(1)); import mpstage._run as r; '
             'sys.exit(r.run_file(sys.argv[1]))')


# a traceback frame: '  File "PATH", line N, in NAME' (two spaces in, or more inside a RemoteTraceback)
# (the engine's own threads name themselves '<mp::...>', without a line)
FRAME = re.compile(r'^(\s*)File "([^"]*)"(?:, line \d+)?, in ')
ENGINE_NOTE = 'mpstage: '  # what the engine tells of a run (a lock whose holder died...), not CPython's


def masked(text):
    return SHM_NAME.sub('psm_NAME', ADDRESS.sub('0xADDR', text))


def library_file(path):
    return '/multiprocessing/' in path or '/mpstage/' in path or path.startswith('<mp::')


def student_stderr(text):
    """stderr without the frames (and their source and caret lines) of multiprocessing's own files, and
    without the engine's notes."""
    out = []
    skip_deeper_than = None
    for line in masked(text).splitlines(True):
        indent = len(line) - len(line.lstrip(' '))
        if skip_deeper_than is not None:
            if indent > skip_deeper_than and line.strip():
                continue
            skip_deeper_than = None
        if line.startswith(ENGINE_NOTE):
            continue
        frame = FRAME.match(line)
        if frame and library_file(frame.group(2)):
            skip_deeper_than = len(frame.group(1))
            continue
        out.append(line)
    return ''.join(out)


def run(argv):
    # stdout block-buffered, as a checker's pipe gets it (PYTHONUNBUFFERED would hide what is printed twice,
    # or late, when buffered output meets a fork)
    env = {k: v for k, v in os.environ.items() if k != 'PYTHONUNBUFFERED'}
    # its own session: a program that hangs is killed with every process it forked, so none outlives the test
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            text=True, env=env, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        err += '\ncompare.py: killed after 60 s, with every process it started\n'
    try:  # children left running after the program ended (none should be)
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return masked(out), proc.returncode, err


def main(program, build_python):
    before = set(os.listdir('/dev/shm'))
    expected, expected_code, expected_err = run([PYTHON, program])
    got, got_code, got_err = run([PYTHON, '-c', ON_ENGINE, build_python, program])
    same_err = student_stderr(expected_err) == student_stderr(got_err)
    ok = expected == got and expected_code == got_code and same_err
    if not ok:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), got.splitlines(True),
                                                   'CPython', 'mpstage'))
        print('exit codes: CPython %d, mpstage %d' % (expected_code, got_code))
        if not same_err:
            print('--- stderr differs (frames of multiprocessing\'s own files left out):')
            sys.stdout.writelines(difflib.unified_diff(student_stderr(expected_err).splitlines(True),
                                                       student_stderr(got_err).splitlines(True),
                                                       'CPython stderr', 'mpstage stderr'))
        print('--- CPython stderr:\n' + expected_err[-3000:])
        print('--- mpstage stderr:\n' + got_err[-3000:])
    else:
        print('same output (%d lines), stderr (%d lines) and exit code %d'
              % (len(expected.splitlines()), len(student_stderr(got_err).splitlines()), got_code))
    left = sorted(n for n in set(os.listdir('/dev/shm')) - before if n.startswith(('psm_', 'mpstage')))
    if left:
        print('left in /dev/shm:', left)
        ok = False
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
