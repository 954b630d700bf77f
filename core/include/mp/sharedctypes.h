// SPDX-License-Identifier: MIT
#pragma once
// multiprocessing.sharedctypes: Value, Array, RawValue and RawArray
// (https://docs.python.org/3/library/multiprocessing.html#module-multiprocessing.sharedctypes).
// The storage is anonymous shared memory that forked children inherit, as CPython's heap arenas are under
// fork; a child changes what its parent sees. Python picks the wrapper class at run time from the typecode
// and the lock argument, so here one class per Python function takes the typecode at run time too.
//
// `value` is a public member, so C++ reads like Python: `v.value = 5; v.value += 1; auto x = v.value;` (x holds
// the value read, mp/shared_ref.h).
// Like Python's Synchronized wrapper, every read and every write of `value` takes and releases the lock on
// its own, so `v.value += 1` is two critical sections with a gap between them and loses updates across
// processes (item 55). Hold `mp::Guard g(v.get_lock());` around the whole update to make it atomic.
//
// Values cross the API as mp::Object with ctypes' conversion rules (item 52): integers wrap silently, a str
// where an integer belongs raises TypeError, an int stored in a 'd' reads back as a float.
// The proxies are in mp/shared_ref.h, the lock argument in mp/any_lock.h.

#include <mp/any_lock.h>
#include <mp/errors.h>
#include <mp/object.h>
#include <mp/shared_ref.h>
#include <mp/slice.h>
#include <mp/telemetry/ids.h>
#include <mp/timeout.h>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <memory>
#include <ranges>
#include <string>
#include <vector>

namespace mp {

// multiprocessing.RawValue: a shared ctypes scalar with no lock.
class RawValue {
public:
    // Typecodes c u b B h H i I l L q Q f d (item 50), and '?' for ctypes.c_bool (Python's Value(ctypes.c_bool)
    // reaches it by the type; reads are bools); anything else raises TypeError('this type has no size').
    explicit RawValue(char typecode);
    RawValue(char typecode, const Object& initial);
    RawValue(const RawValue& other);
    RawValue& operator=(const RawValue& other);

    SharedRef value;
    // c_int(5), c_double(2.5), c_char(b'a')...
    std::string repr() const;

private:
    friend class Value;
    friend std::size_t ctypes_sizeof(const RawValue& obj);
    explicit RawValue(std::shared_ptr<detail::CtypeObject> obj);
    std::shared_ptr<detail::CtypeObject> m_obj;
};

// multiprocessing.Value: a shared ctypes scalar behind a lock (Python's Synchronized wrapper). With
// lock=false it is the bare ctypes object: get_lock(), get_obj(), acquire() and release() raise
// AttributeError, as the attributes do not exist in Python.
class Value {
public:
    explicit Value(char typecode);
    Value(char typecode, const Object& initial, LockArg lock = true);
    Value(const Value& other);
    Value& operator=(const Value& other);

    SharedRef value;
    AnyLock get_lock() const;
    // The same storage without the lock.
    RawValue get_obj() const;
    bool acquire(bool block = true, Timeout timeout = std::nullopt);
    void release();
    void lock() { acquire(); }
    void unlock() { release(); }
    // <Synchronized wrapper for c_int(5)>, or c_int(5) without a lock.
    std::string repr() const;
    // The id this value has in the run's telemetry (0 when the run is not observed).
    telemetry::ObjectId telemetry_id() const;

private:
    friend std::size_t ctypes_sizeof(const Value& obj);
    explicit Value(std::shared_ptr<detail::CtypeObject> obj);
    std::shared_ptr<detail::CtypeObject> m_obj;
};

namespace detail {

// What RawArray and Array share: length, locked items and slices, iteration, and a 'c' array's value/raw.
class ArrayBase {
public:
    class Iterator {
    public:
        using value_type = Object;
        using difference_type = std::ptrdiff_t;
        Iterator() = default;
        Object operator*() const;
        Iterator& operator++()
        {
            ++m_index;
            return *this;
        }
        Iterator operator++(int)
        {
            Iterator old = *this;
            ++m_index;
            return old;
        }
        friend bool operator==(const Iterator& a, const Iterator& b) { return a.m_index == b.m_index; }

    private:
        friend class ArrayBase;
        Iterator(const ArrayBase* array, std::size_t index)
            : m_array(array)
            , m_index(index)
        {
        }
        const ArrayBase* m_array = nullptr;
        std::size_t m_index = 0;
    };

    std::size_t size() const;
    friend std::size_t len(const ArrayBase& array) { return array.size(); }
    // Negative indices count from the end; out of range raises IndexError('invalid index').
    SharedRef operator[](std::int64_t index) const;
    // a[start:stop] with Python's clamping: a list, bytes for 'c', str for 'u'.
    Object get_slice(std::int64_t start = 0, std::int64_t stop = std::numeric_limits<std::int64_t>::max()) const;
    // a[start:stop:step] (mp/slice.h): a.get_slice({.step = 2}) is a[::2], a.get_slice({5, 1, -2}) is
    // a[5:1:-2]. Bounds clamp as slice.indices() clamps them; a step of 0 raises
    // ValueError('slice step cannot be zero'). One critical section for the whole slice.
    Object get_slice(const mp::slice& range) const;
    // a[start:stop] = values; values is a list, tuple, bytes or str of exactly the slice's length, or
    // ValueError('Can only assign sequence of same size') (the wrapper and the raw array word it alike).
    void set_slice(std::int64_t start, std::int64_t stop, const Object& values);
    void set_slice(std::int64_t start, std::int64_t stop, std::initializer_list<Object> values);
    // a[start:stop:step] = values, with the same rules: a.set_slice({.step = -1}, {3, 2, 1}) is a[::-1] = [3, 2, 1].
    void set_slice(const mp::slice& range, const Object& values);
    void set_slice(const mp::slice& range, std::initializer_list<Object> values);
    Iterator begin() const { return Iterator(this, 0); }
    Iterator end() const { return Iterator(this, size()); }

    // Only for 'c' arrays; on others they raise AttributeError.
    SharedBytes value;
    SharedBytes raw;

protected:
    explicit ArrayBase(std::shared_ptr<CtypeObject> obj);
    ArrayBase(const ArrayBase& other);
    ArrayBase& operator=(const ArrayBase& other);
    std::string rawRepr() const;

    std::shared_ptr<CtypeObject> m_obj;
};

template <typename R>
concept ObjectRange = std::ranges::sized_range<R> && std::convertible_to<std::ranges::range_reference_t<R>,
    Object> && !std::convertible_to<R, Object>;

template <ObjectRange R> std::vector<Object> toObjects(const R& range)
{
    std::vector<Object> out;
    out.reserve(std::ranges::size(range));
    for (auto&& item : range)
        out.emplace_back(item);
    return out;
}

} // namespace detail

// multiprocessing.RawArray: a shared ctypes array with no lock.
class RawArray : public detail::ArrayBase {
public:
    RawArray(char typecode, std::int64_t size);
    RawArray(char typecode, std::initializer_list<Object> initializer);
    RawArray(char typecode, const std::vector<Object>& initializer);
    RawArray(char typecode, const Object& sizeOrInitializer);
    template <detail::ObjectRange R>
    RawArray(char typecode, const R& initializer)
        : RawArray(typecode, detail::toObjects(initializer))
    {
    }
    // <multiprocessing.sharedctypes.c_int_Array_5 object at 0x...>
    std::string repr() const;

private:
    friend class Array;
    friend std::size_t ctypes_sizeof(const RawArray& obj);
    explicit RawArray(std::shared_ptr<detail::CtypeObject> obj);
};

// multiprocessing.Array: a shared ctypes array behind a lock (SynchronizedArray, or SynchronizedString for
// 'c'). Each item access and each slice takes the lock once; len() does not need it.
class Array : public detail::ArrayBase {
public:
    Array(char typecode, std::int64_t size, LockArg lock = true);
    Array(char typecode, std::initializer_list<Object> initializer, LockArg lock = true);
    Array(char typecode, const std::vector<Object>& initializer, LockArg lock = true);
    Array(char typecode, const Object& sizeOrInitializer, LockArg lock = true);
    template <detail::ObjectRange R>
    Array(char typecode, const R& initializer, LockArg lock = true)
        : Array(typecode, detail::toObjects(initializer), lock)
    {
    }

    AnyLock get_lock() const;
    RawArray get_obj() const;
    bool acquire(bool block = true, Timeout timeout = std::nullopt);
    void release();
    void lock() { acquire(); }
    void unlock() { release(); }
    // <SynchronizedArray wrapper for <multiprocessing.sharedctypes.c_int_Array_5 object at 0x...>>
    std::string repr() const;

private:
    friend std::size_t ctypes_sizeof(const Array& obj);
};

// ctypes.sizeof(obj): the size in bytes of the C object, as ctypes reports it on Linux x86-64:
// 'c' 'b' 'B' 1, 'h' 'H' 2, 'i' 'I' 'f' 4, 'u' (wchar_t) 4, 'l' 'L' 'q' 'Q' 'd' 8; an array's is the item's size
// times its length (ctypes.sizeof(RawArray('i', 5)) == 20).
// Python's ctypes.sizeof() takes only the bare ctypes object: given the Synchronized wrapper that Value() and
// Array() return by default it raises TypeError('this type has no size'), and so do these. Ask the object
// under the wrapper, as in Python: `mp::ctypes_sizeof(v.get_obj())` is `ctypes.sizeof(v.get_obj())`. A
// Value or Array made with lock=false is the bare object, so it answers directly.
std::size_t ctypes_sizeof(const RawValue& obj);
std::size_t ctypes_sizeof(const Value& obj);
std::size_t ctypes_sizeof(const RawArray& obj);
std::size_t ctypes_sizeof(const Array& obj);

} // namespace mp
