# SPDX-License-Identifier: MIT
"""multiprocessing.shared_memory on the engine: SharedMemory (a named POSIX block); ShareableList is not
provided."""

import operator

import _mpstage
from mpstage._errors import not_supported


class SharedMemory(_mpstage.SharedMemory):
    """A named POSIX shared memory block; buf is one memoryview on its mapping, as in CPython."""

    __module__ = 'multiprocessing.shared_memory'
    _view = None
    _exporter = None  # what _view was taken from: it counts the views (slices included) still on the mapping

    def __init__(self, name=None, create=False, size=0):
        # CPython's checks, in CPython's order and words, before the engine's shm_open.
        if not size >= 0:
            raise ValueError("'size' must be a positive integer")
        if create:
            if size == 0:
                raise ValueError("'size' must be a positive number different from zero")
            size = operator.index(size)  # os.ftruncate's TypeError for a float
        if name is None and not create:
            raise ValueError("'name' can only be None if create=True")
        if name is not None:
            "/" + name  # CPython prepends '/': a name that is not a str raises its TypeError
        super().__init__(name, bool(create), size if create else 0)

    @property
    def buf(self):
        if self._view is None and self._exporter is None:
            self._exporter = _mpstage.SharedMemory._exporter.fget(self)
            if self._exporter is not None:
                self._view = memoryview(self._exporter)
        return self._view

    def close(self):
        """As CPython's: buf is released (and reads None after), then the mapping closes unless a slice of buf
        is still alive: BufferError, and the mapping stays until a later close()."""
        if self._view is not None:
            self._view.release()
            self._view = None
        if self._exporter is not None and self._exporter.exports:
            raise BufferError('cannot close exported pointers exist')
        _mpstage.SharedMemory.close(self)

    def __reduce__(self):
        return (self.__class__, (self.name, False, self.size))

    def __repr__(self):
        return f'{self.__class__.__name__}({self.name!r}, size={self.size})'


def ShareableList(*args, **kwargs):
    not_supported("multiprocessing.shared_memory.ShareableList",
                  "mpstage shows SharedMemory blocks; a ShareableList's packed layout is not drawn")


__all__ = ['SharedMemory', 'ShareableList']
