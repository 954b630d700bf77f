// SPDX-License-Identifier: MIT
#pragma once
// Proxies for the `value` of a shared ctypes object (Synchronized.value, SynchronizedArray[i], and the
// value/raw of a SynchronizedString), so that C++ reads like Python: `v.value = 5; v.value += 1;`.
// Each read and each write is one critical section of the owner's lock, as in CPython's make_property
// template (item 54); `v.value += 1` is therefore two of them and not atomic (item 55).

#include <mp/errors.h>
#include <mp/object.h>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>

namespace mp {

class Value;
class RawValue;
namespace detail {
struct CtypeObject;
class ArrayBase;
} // namespace detail

template <typename T>
concept SharedNumber
    = (std::integral<T> || std::floating_point<T>)&&!std::same_as<T,
          char> && !std::same_as<T, signed char> && !std::same_as<T, unsigned char> && !std::same_as<T, wchar_t> && !std::same_as<T, char8_t> && !std::same_as<T, char16_t> && !std::same_as<T, char32_t>;

// One element of shared ctypes storage: Value::value, or what Array[i] returns. Reading and writing it
// takes the owner's lock (if any) each time.
//
// Python's `x = v.value` reads the value once, and so do `auto x = v.value;`, `mp::Object x = v.value;` and
// `std::int64_t x = v.value;`: x holds the value read. A copied SharedRef is that copy: it reads the shared cell
// once (one critical section), then holds the value on its own, unshared and unlocked, so later writes to v do
// not change x and `x = 7` or `x += 1` change x only, as they rebind a Python name. Passing `v.value` by value
// copies the same way. One case C++ cannot make Pythonic: `auto x = a[i];` on an Array is the element itself
// (the SharedRef that operator[] returns is not copied, it becomes x), so it reads the shared memory each time
// it is used; write `mp::Object x = a[i];` or `auto x = a[i].get();` for Python's `x = a[i]`.
class SharedRef {
public:
    // The value `other` holds now, read once; the copy shares nothing with it (see above).
    SharedRef(const SharedRef& other);
    // Python's value: int for integer codes, float for 'f'/'d', bytes of length 1 for 'c', str for 'u'.
    // An 'L'/'Q' value above 2**63-1 does not fit mp::Object's int and raises OverflowError.
    Object get() const;
    void set(const Object& value);
    SharedRef& operator=(const Object& value)
    {
        set(value);
        return *this;
    }
    // `a[0] = b[1];` copies the value, not the reference.
    SharedRef& operator=(const SharedRef& other)
    {
        set(other.get());
        return *this;
    }
    operator Object() const { return get(); }
    // `std::int64_t x = v.value;` converts as C does (unsigned values wrap); a float value into an integer
    // type raises TypeError, as Python refuses to use a float where an int is wanted. Not for 'c' and 'u'.
    template <SharedNumber T> operator T() const
    {
        const Number n = loadNumber();
        if constexpr (std::same_as<T, bool>)
            return n.isFloat ? n.real != 0.0 : n.bits != 0;
        else if constexpr (std::floating_point<T>)
            return n.isFloat   ? static_cast<T>(n.real)
                : n.isUnsigned ? static_cast<T>(n.bits)
                               : static_cast<T>(static_cast<std::int64_t>(n.bits));
        else {
            if (n.isFloat)
                throw TypeError("'float' object cannot be interpreted as an integer");
            return static_cast<T>(n.bits);
        }
    }

    // A locked read, then Python arithmetic, then a locked write: NOT atomic (item 55).
    SharedRef& operator+=(const Object& delta);
    SharedRef& operator-=(const Object& delta);
    // The same for a C++ integer, without building an Object for it.
    template <SharedNumber T>
    requires std::signed_integral<T> SharedRef& operator+=(T delta)
    {
        addInteger(static_cast<std::int64_t>(delta), true);
        return *this;
    }
    template <SharedNumber T>
    requires std::signed_integral<T> SharedRef& operator-=(T delta)
    {
        addInteger(static_cast<std::int64_t>(delta), false);
        return *this;
    }
    SharedRef& operator++() { return *this += 1; }
    SharedRef& operator--() { return *this -= 1; }
    Object operator++(int);
    Object operator--(int);

    friend bool operator==(const SharedRef& ref, const Object& other) { return ref.get() == other; }
    template <SharedNumber T> friend bool operator==(const SharedRef& ref, T other)
    {
        return ref.get() == Object(other);
    }
    friend std::ostream& operator<<(std::ostream& out, const SharedRef& ref);

private:
    friend class Value;
    friend class RawValue;
    friend class detail::ArrayBase;
    struct Number {
        std::uint64_t bits = 0;
        double real = 0.0;
        bool isFloat = false;
        bool isUnsigned = false;
    };
    SharedRef(std::shared_ptr<detail::CtypeObject> obj, std::size_t index);
    // A copy: what a Python name bound to the value read holds.
    explicit SharedRef(Object copy);
    Object addToCopy(const Object& delta, bool add);

    // The two critical sections of `v.value += 1`; whatever happens between them is the race of item 55.
    Object lockedLoad() const;
    void lockedStore(const Object& value);
    void readModifyWrite(const Object& delta, bool add, const char* what, Object* seen);
    void addInteger(std::int64_t delta, bool add);
    void addObject(const Object& delta, bool add);
    Number loadNumber() const;

    std::shared_ptr<detail::CtypeObject> m_obj; // null in a copy
    std::size_t m_index = 0;
    Object m_copy; // a copy's value
};

// The `.value` and `.raw` of a 'c' array (SynchronizedString): bytes up to the first NUL, and every byte.
// As with SharedRef, `auto x = a.value;` reads the bytes once and x holds them on its own (a bytes value:
// assigning it anything but bytes raises the TypeError that the array's own .value raises).
class SharedBytes {
public:
    SharedBytes(const SharedBytes& other);
    Bytes get() const;
    void set(const Object& value);
    SharedBytes& operator=(const Object& value)
    {
        set(value);
        return *this;
    }
    SharedBytes& operator=(const SharedBytes& other)
    {
        set(other.get());
        return *this;
    }
    operator Bytes() const { return get(); }
    friend bool operator==(const SharedBytes& ref, const Bytes& other) { return ref.get() == other; }
    friend std::ostream& operator<<(std::ostream& out, const SharedBytes& ref);

private:
    friend class detail::ArrayBase;
    enum class Field { Value, Raw };
    SharedBytes(std::shared_ptr<detail::CtypeObject> obj, Field field);
    void check() const;

    std::shared_ptr<detail::CtypeObject> m_obj; // null in a copy
    Field m_field = Field::Value;
    Bytes m_copy; // a copy's bytes
};

} // namespace mp
