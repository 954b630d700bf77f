# SPDX-License-Identifier: MIT
"""mpstage: Python's multiprocessing on mpstage's C++ engine, in real processes.

``import mpstage.multiprocessing as multiprocessing`` gives the engine's module under its own name;
``mpstage.install()`` makes ``import multiprocessing`` (and its submodules) give it to a whole program, which
is what ``python3 -m mpstage FILE.py`` and ``mpstage-host run FILE.py`` do.
"""

import sys

SUBMODULES = ("connection", "context", "managers", "pool", "process", "queues", "shared_memory",
              "sharedctypes", "synchronize", "util")


def install():
    """Make ``import multiprocessing`` and ``multiprocessing.X`` give the engine's modules."""
    import importlib
    package = importlib.import_module("mpstage.multiprocessing")
    sys.modules["multiprocessing"] = package
    for name in SUBMODULES:
        sys.modules["multiprocessing." + name] = importlib.import_module("mpstage.multiprocessing." + name)
    return package
