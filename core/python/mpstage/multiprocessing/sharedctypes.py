# SPDX-License-Identifier: MIT
"""multiprocessing.sharedctypes on the engine's shared cells: Value, Array, RawValue, RawArray take a
typecode ('i', 'd', 'c', ...) or a ctypes type, and lock=True, False or a lock, as in CPython.

The wrappers are the engine's (Synchronized, SynchronizedArray and SynchronizedString, under CPython's
names) when the lock is one of multiprocessing's own; with any other object that has acquire() (a
threading.Lock, a Condition, a class of the program's), and from synchronized(), they are CPython's Python
wrappers around the engine's bare object. The bare objects are named as ctypes names them (c_int,
c_int_Array_3); they are not ctypes instances, so ctypes.sizeof() and ctypes.addressof() do not take them."""

import abc
import ctypes

import _mpstage
from mpstage._errors import not_supported

from . import synchronize as _synchronize

__all__ = ['RawValue', 'RawArray', 'Value', 'Array', 'copy', 'synchronized']

typecode_to_type = {
    'c': ctypes.c_char, 'u': ctypes.c_wchar, 'b': ctypes.c_byte, 'B': ctypes.c_ubyte, 'h': ctypes.c_short,
    'H': ctypes.c_ushort, 'i': ctypes.c_int, 'I': ctypes.c_uint, 'l': ctypes.c_long, 'L': ctypes.c_ulong,
    'q': ctypes.c_longlong, 'Q': ctypes.c_ulonglong, 'f': ctypes.c_float, 'd': ctypes.c_double,
}

# The ctypes types the engine holds: multiprocessing's typecodes, and c_bool by its type.
_ctype_of = dict(typecode_to_type, **{'?': ctypes.c_bool})
_MODULE = 'multiprocessing.sharedctypes'
_ENGINE_LOCKS = (_synchronize.Lock, _synchronize.RLock, _synchronize.Semaphore, _synchronize.BoundedSemaphore)


def _inheritance_only(self):
    raise RuntimeError('%s objects should only be shared between processes through inheritance'
                       % type(self).__name__)


# The engine's wrappers, under CPython's names (type(v).__name__, isinstance(v, sharedctypes.Synchronized)).
Synchronized = _mpstage._Value
SynchronizedArray = _mpstage._Array
for _cls, _name in ((Synchronized, 'Synchronized'), (SynchronizedArray, 'SynchronizedArray')):
    _cls.__name__ = _cls.__qualname__ = _name
    _cls.__module__ = _MODULE


class SynchronizedString(SynchronizedArray):
    """A 'c' array: .value (the bytes up to the first NUL) and .raw (every byte)."""
    __module__ = _MODULE
    __reduce__ = _inheritance_only


# The bare objects: one class per ctypes type (c_int, ...) and per array type (c_int_Array_3, ...).
_engine_raw_value = _mpstage._RawValue
_engine_raw_array = _mpstage._RawArray
_engine_raw_value.__reduce__ = _inheritance_only
_engine_raw_array.__reduce__ = _inheritance_only
_value_types = {}
_array_types = {}


def _wchar_value(self):
    text = self[:]
    end = text.find('\x00')
    return text if end < 0 else text[:end]


def _set_wchar_value(self, value):
    # ctypes' WCharArray_set_value: a str that fits, then a NUL if there is room; what follows stays.
    if not isinstance(value, str):
        raise TypeError('unicode string expected instead of %s instance' % type(value).__name__)
    if len(value) > len(self):
        raise ValueError('string too long')
    self[:len(value)] = value
    if len(value) < len(self):
        self[len(value)] = '\x00'


def _value_type(code):
    cls = _value_types.get(code)
    if cls is None:
        base = _ctype_of[code]
        cls = _value_types[code] = type(base.__name__, (_engine_raw_value,),
                                        {'__module__': base.__module__, '__slots__': ()})
    return cls


def _array_type(code, length):
    cls = _array_types.get((code, length))
    if cls is None:
        attrs = {'__module__': _MODULE, '__slots__': ()}  # no slots: the engine's objects can become one
        if code == 'u':
            attrs['value'] = property(_wchar_value, _set_wchar_value)
        name = '%s_Array_%d' % (_ctype_of[code].__name__, length)
        cls = _array_types[(code, length)] = type(name, (_engine_raw_array,), attrs)
    return cls


def _as_raw(obj):
    """The engine's bare object as an instance of its ctypes-named class."""
    try:
        if isinstance(obj, _engine_raw_array):
            obj.__class__ = _array_type(obj._typecode, len(obj))
        else:
            obj.__class__ = _value_type(obj._typecode)
    except TypeError:
        pass
    return obj


def _raw_bool(self):
    # ctypes: False when every byte is zero
    return self.value not in (0, b'\x00', '\x00')


_engine_raw_value.__bool__ = _raw_bool


def _copy_raw(self, memo=None):
    return copy(self)


_engine_raw_value.__copy__ = _engine_raw_array.__copy__ = _copy_raw
_engine_raw_value.__deepcopy__ = _engine_raw_array.__deepcopy__ = _copy_raw


def _get_obj(self):
    """The object under the wrapper: the same object every time, as CPython's _obj."""
    obj = self.__dict__.get('_obj')
    if obj is None:
        obj = self._obj = _as_raw(self._engine_obj())
    return obj


Synchronized.get_obj = SynchronizedArray.get_obj = _get_obj


def _typecode(typecode_or_type):
    type_ = typecode_to_type.get(typecode_or_type, typecode_or_type)  # a list: "unhashable type: 'list'"
    if isinstance(type_, type):
        code = getattr(type_, '_type_', None)
        if isinstance(code, str) and code in _ctype_of and issubclass(type_, ctypes._SimpleCData):
            return code
        if hasattr(type_, '_type_') or hasattr(type_, '_fields_'):
            not_supported('a shared %s' % type_.__name__,
                          'Value and Array hold the typecodes c u b B h H i I l L q Q f d and c_bool', depth=3)
    raise TypeError('this type has no size')


def _check_args(args):
    if len(args) > 1:
        raise TypeError('__init__ expected at most 1 argument, got %d' % len(args))


def RawValue(typecode_or_type, *args):
    """Returns a ctypes object allocated from shared memory."""
    code = _typecode(typecode_or_type)
    _check_args(args)
    return _value_type(code)(code, args)


def RawArray(typecode_or_type, size_or_initializer):
    """Returns a ctypes array allocated from shared memory."""
    code = _typecode(typecode_or_type)
    raw = _engine_raw_array(code, size_or_initializer)
    return _as_raw(raw)


def _lock_for(lock):
    if lock in (True, None):
        return _synchronize.RLock()
    return lock


def Value(typecode_or_type, *args, lock=True, ctx=None):
    """Return a synchronization wrapper for a Value."""
    if lock is False:  # the bare ctypes object, as RawValue gives it
        return RawValue(typecode_or_type, *args)
    code = _typecode(typecode_or_type)
    _check_args(args)
    lock = _lock_for(lock)
    if not isinstance(lock, _ENGINE_LOCKS):
        return synchronized(RawValue(code, *args), _checked_lock(lock))
    obj = Synchronized(code, args, lock)
    obj._lock = lock
    return obj


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    """Return a synchronization wrapper for a RawArray."""
    if lock is False:
        return RawArray(typecode_or_type, size_or_initializer)
    code = _typecode(typecode_or_type)
    lock = _lock_for(lock)
    if not isinstance(lock, _ENGINE_LOCKS):
        return synchronized(RawArray(code, size_or_initializer), _checked_lock(lock))
    obj = (SynchronizedString if code == 'c' else SynchronizedArray)(code, size_or_initializer, lock)
    obj._lock = lock
    return obj


def _checked_lock(lock):
    if not hasattr(lock, 'acquire'):
        raise AttributeError("%r has no method 'acquire'" % lock)
    return lock


def copy(obj):
    """A new shared object of obj's type with obj's contents."""
    if isinstance(obj, _engine_raw_value):
        return RawValue(obj._typecode, obj.value)
    if isinstance(obj, _engine_raw_array):
        return RawArray(obj._typecode, obj[:])
    raise TypeError('this type has no size')


def synchronized(obj, lock=None, ctx=None):
    """CPython's Python wrapper around a bare shared object, with lock (a new RLock if None)."""
    assert not isinstance(obj, SynchronizedBase), 'object already synchronized'
    if isinstance(obj, _engine_raw_value):
        return _Synchronized(obj, lock, ctx)
    if isinstance(obj, _engine_raw_array):
        if obj._typecode == 'c':
            return _SynchronizedString(obj, lock, ctx)
        return _SynchronizedArray(obj, lock, ctx)
    not_supported('sharedctypes.synchronized() of a %s' % type(obj).__name__,
                  'it wraps the objects RawValue and RawArray make')


#
# CPython's wrappers (Lib/multiprocessing/sharedctypes.py), for the locks the engine does not know.
#

def _make_property(name):
    def get(self):
        self.acquire()
        try:
            return getattr(self._obj, name)
        finally:
            self.release()

    def set(self, value):
        self.acquire()
        try:
            setattr(self._obj, name, value)
        finally:
            self.release()

    return property(get, set)


class SynchronizedBase(metaclass=abc.ABCMeta):

    def __init__(self, obj, lock=None, ctx=None):
        self._obj = obj
        if lock:
            self._lock = lock
        else:
            self._lock = _synchronize.RLock()
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __reduce__(self):
        _inheritance_only(self)

    def get_obj(self):
        return self._obj

    def get_lock(self):
        return self._lock

    def __repr__(self):
        return '<%s wrapper for %s>' % (type(self).__name__, self._obj)


SynchronizedBase.__module__ = _MODULE
SynchronizedBase.register(Synchronized)
SynchronizedBase.register(SynchronizedArray)


class _Synchronized(SynchronizedBase):
    value = _make_property('value')


class _SynchronizedArray(SynchronizedBase):

    def __len__(self):
        return len(self._obj)

    def __getitem__(self, i):
        with self:
            return self._obj[i]

    def __setitem__(self, i, value):
        with self:
            self._obj[i] = value


class _SynchronizedString(_SynchronizedArray):
    value = _make_property('value')
    raw = _make_property('raw')


for _cls, _name in ((_Synchronized, 'Synchronized'), (_SynchronizedArray, 'SynchronizedArray'),
                    (_SynchronizedString, 'SynchronizedString')):
    _cls.__name__ = _cls.__qualname__ = _name
    _cls.__module__ = _MODULE
