# SPDX-License-Identifier: MIT
"""Start methods: mpstage's processes are forked, so 'fork' is the one there is."""

import sys

from mpstage._errors import not_supported

_METHOD = 'fork'


def _check(method):
    if method not in (None, 'fork'):
        if method not in ('spawn', 'forkserver'):
            raise ValueError('cannot find context for %r' % method)
        not_supported("the %r start method" % method,
                      "the engine's processes are forked (the 'fork' method, Linux's default in Python 3.11)",
                      depth=3)


def get_context(method=None):
    """The module itself stands for the 'fork' context, as every name a context has is in it."""
    _check(method)
    return sys.modules['mpstage.multiprocessing']


def set_start_method(method, force=False):
    _check(method)


def get_start_method(allow_none=False):
    return _METHOD


def get_all_start_methods():
    return ['fork']


def set_executable(executable):
    pass


def set_forkserver_preload(module_names):
    pass
