#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Runs one Python program under CPython's multiprocessing and under mpstage's engine (the module, as
`import multiprocessing` gives it in `python3 -m mpstage`), and fails unless both print the same standard
output (addresses masked) and exit with the same code.

usage: compare.py PROGRAM.py BUILD_PYTHON_DIR
"""

import os
import re
import subprocess
import sys

PYTHON = '/usr/bin/python3'
ADDRESS = re.compile(r'0x[0-9a-f]{6,}')
SHM_NAME = re.compile(r'psm_[0-9a-f]{8}')  # a SharedMemory block's random name
ON_ENGINE = ('import sys; sys.path.insert(0, sys.argv.pop(1)); import mpstage._run as r; '
             'sys.exit(r.run_file(sys.argv[1]))')


def run(argv):
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    return SHM_NAME.sub('psm_NAME', ADDRESS.sub('0xADDR', done.stdout)), done.returncode, done.stderr


def main(program, build_python):
    before = set(os.listdir('/dev/shm'))
    expected, expected_code, expected_err = run([PYTHON, program])
    got, got_code, got_err = run([PYTHON, '-c', ON_ENGINE, build_python, program])
    ok = expected == got and expected_code == got_code
    if not ok:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), got.splitlines(True),
                                                   'CPython', 'mpstage'))
        print('exit codes: CPython %d, mpstage %d' % (expected_code, got_code))
        print('--- CPython stderr:\n' + expected_err[-3000:])
        print('--- mpstage stderr:\n' + got_err[-3000:])
    else:
        print('same output (%d lines) and exit code %d' % (len(expected.splitlines()), got_code))
    left = sorted(n for n in set(os.listdir('/dev/shm')) - before if n.startswith(('psm_', 'mpstage')))
    if left:
        print('left in /dev/shm:', left)
        ok = False
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
