# SPDX-License-Identifier: MIT
"""multiprocessing.sharedctypes on the engine's shared cells: Value, Array, RawValue, RawArray take a
typecode ('i', 'd', 'c', ...) or a ctypes type, and lock=True, False or a lock, as in CPython."""

import _mpstage

__all__ = ['RawValue', 'RawArray', 'Value', 'Array']


def _typecode(typecode_or_type):
    if isinstance(typecode_or_type, str):
        return typecode_or_type
    code = getattr(typecode_or_type, '_type_', None)
    if not isinstance(code, str):
        raise TypeError('this type has no size')
    return code


def _initializer(size_or_initializer):
    if isinstance(size_or_initializer, (int, bytes, str, list, tuple)):
        return size_or_initializer
    return list(size_or_initializer)


def RawValue(typecode_or_type, *args):
    """Returns a ctypes object allocated from shared memory."""
    return _mpstage._RawValue(_typecode(typecode_or_type), args[0] if args else None)


def RawArray(typecode_or_type, size_or_initializer):
    """Returns a ctypes array allocated from shared memory."""
    return _mpstage._RawArray(_typecode(typecode_or_type), _initializer(size_or_initializer))


def Value(typecode_or_type, *args, lock=True, ctx=None):
    """Return a synchronization wrapper for a Value."""
    if lock is False:  # the bare ctypes object, as RawValue gives it
        return RawValue(typecode_or_type, *args)
    return _mpstage._Value(_typecode(typecode_or_type), args[0] if args else None, lock)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    """Return a synchronization wrapper for a RawArray."""
    if lock is False:
        return RawArray(typecode_or_type, size_or_initializer)
    return _mpstage._Array(_typecode(typecode_or_type), _initializer(size_or_initializer), lock)
