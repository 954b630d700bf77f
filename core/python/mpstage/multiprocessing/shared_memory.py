# SPDX-License-Identifier: MIT
"""multiprocessing.shared_memory on the engine: SharedMemory (a named POSIX block); ShareableList is not
provided."""

from _mpstage import SharedMemory
from mpstage._errors import not_supported


def ShareableList(*args, **kwargs):
    not_supported("multiprocessing.shared_memory.ShareableList",
                  "mpstage shows SharedMemory blocks; a ShareableList's packed layout is not drawn")


__all__ = ['SharedMemory', 'ShareableList']
