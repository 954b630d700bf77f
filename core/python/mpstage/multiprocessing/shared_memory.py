# SPDX-License-Identifier: MIT
"""multiprocessing.shared_memory on the engine: SharedMemory (a named POSIX block); ShareableList is not
provided."""

import _mpstage
from mpstage._errors import not_supported


class SharedMemory(_mpstage.SharedMemory):
    """A named POSIX shared memory block; buf is one memoryview on its mapping, as in CPython."""

    _view = None

    @property
    def buf(self):
        if self._view is None:
            self._view = _mpstage.SharedMemory.buf.fget(self)
        return self._view

    def close(self):
        if self._view is not None:
            self._view.release()
            self._view = None
        _mpstage.SharedMemory.close(self)

    def __reduce__(self):
        return (self.__class__, (self.name, False, self.size))


def ShareableList(*args, **kwargs):
    not_supported("multiprocessing.shared_memory.ShareableList",
                  "mpstage shows SharedMemory blocks; a ShareableList's packed layout is not drawn")


__all__ = ['SharedMemory', 'ShareableList']
