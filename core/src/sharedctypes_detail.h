// SPDX-License-Identifier: MIT
#pragma once
#include <atomic>
#include <mp/telemetry/ids.h>
// What every shared ctypes object is made of: a typecode's C layout, storage in an anonymous shared block,
// and the conversions ctypes applies between Python values and C values.

#include <mp/object.h>
#include <mp/sharedctypes.h>

#include "shared_block.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace mp::detail {

enum class CtypeKind { Signed, Unsigned, Float, Char, WideChar, Bool };

struct CtypeInfo {
    char code;
    std::size_t size;
    CtypeKind kind;
    const char* name; // as ctypes prints it on Linux: 'q' is c_long there
};

// Raises TypeError('this type has no size') for an unknown typecode, as ctypes.sizeof does.
const CtypeInfo& ctypeInfo(char typecode);

// One Value or Array: where its elements live and which lock (if any) this handle takes.
struct CtypeObject {
    std::shared_ptr<SharedBlock> block;
    std::byte* data = nullptr;
    const CtypeInfo* info = nullptr;
    std::size_t length = 1;
    bool isArray = false;
    std::optional<AnyLock> lock;
    // Telemetry: the object's id and its shared write counter (the version each write carries, which orders
    // writes across processes and reveals lost updates). Empty when the run is not observed.
    telemetry::ObjectId object;
    std::shared_ptr<SharedBlock> versionBlock;
    std::atomic<std::uint64_t>* version = nullptr; // one per cell

    std::byte* at(std::size_t index) const { return data + index * info->size; }
    // Python's class name for error messages: 'c_int', 'c_int_Array_3', 'Synchronized', 'SynchronizedArray'.
    std::string typeName() const;
    std::string rawTypeName() const;
};

// Announces a new Value/Array (and names its lock after it) when the run is observed.
void announceCtype(CtypeObject& obj);
void reportRead(const CtypeObject& obj, std::size_t index, const Object& seen);
void reportWrite(const CtypeObject& obj, std::size_t index, const Object& old, const Object& now);

// Shared, zero-filled storage for `length` elements (memset 0 happens before any initial value, item 51).
std::shared_ptr<CtypeObject> newCtypeObject(char typecode, std::size_t length, bool isArray);

// The same storage seen without a lock (get_obj()).
std::shared_ptr<CtypeObject> withoutLock(const CtypeObject& obj);

// obj's lock; without one, AttributeError("'c_int' object has no attribute 'get_lock'") as in Python.
AnyLock& lockOf(CtypeObject& obj, const char* attribute);

// Holds obj's lock, if it has one, for a scope: one critical section of a Synchronized wrapper. Inside
// `with v.get_lock():` the lock is an RLock this thread holds already; taking it again would change nothing
// anyone can see (re-entry is not reported, and the count comes back down at the end of the scope), so the
// guard leaves it alone.
class CtypeLockGuard {
public:
    explicit CtypeLockGuard(CtypeObject& obj)
        : CtypeLockGuard(lockToTake(obj))
    {
    }
    // With what lockToTake() said: null takes nothing.
    explicit CtypeLockGuard(AnyLock* lock)
        : m_lock(lock)
    {
        if (m_lock)
            m_lock->acquire();
    }
    static AnyLock* lockToTake(CtypeObject& obj)
    {
        return obj.lock && !obj.lock->heldAgainByThisThread() ? &*obj.lock : nullptr;
    }
    ~CtypeLockGuard()
    {
        if (m_lock)
            m_lock->release();
    }
    CtypeLockGuard(const CtypeLockGuard&) = delete;
    CtypeLockGuard& operator=(const CtypeLockGuard&) = delete;

private:
    AnyLock* m_lock;
};

// Unlocked element access with ctypes' rules. A load of 'L'/'Q' gives the bit pattern as int64; loadObject()
// of a Synchronized or raw object then checks it fits. store raises TypeError for a value of the wrong type.
Object loadElement(const CtypeInfo& info, const std::byte* p);
void storeElement(const CtypeInfo& info, std::byte* p, const Object& value);
template <typename T> std::atomic_ref<T> cellAt(const std::byte* p)
{
    static_assert(std::atomic_ref<T>::is_always_lock_free);
    // Unlocked RawValue access races by design (item 55); atomic_ref keeps that race defined behaviour.
    return std::atomic_ref<T>(*reinterpret_cast<T*>(const_cast<std::byte*>(p)));
}
// Inline: `v.value += 1` does one of each.
inline std::uint64_t loadBits(const std::byte* p, std::size_t size)
{
    switch (size) {
    case 1:
        return cellAt<std::uint8_t>(p).load(std::memory_order_relaxed);
    case 2:
        return cellAt<std::uint16_t>(p).load(std::memory_order_relaxed);
    case 4:
        return cellAt<std::uint32_t>(p).load(std::memory_order_relaxed);
    default:
        return cellAt<std::uint64_t>(p).load(std::memory_order_relaxed);
    }
}
// What loaded bits mean: a sign-extended integer, or the float/double they hold.
std::int64_t signedFromBits(const CtypeInfo& info, std::uint64_t bits);
double realFromBits(const CtypeInfo& info, std::uint64_t bits);
inline void storeBits(std::byte* p, std::size_t size, std::uint64_t bits)
{
    // Narrowing to the C width is the silent wrap-around of ctypes' integer stores.
    switch (size) {
    case 1:
        cellAt<std::uint8_t>(p).store(static_cast<std::uint8_t>(bits), std::memory_order_relaxed);
        break;
    case 2:
        cellAt<std::uint16_t>(p).store(static_cast<std::uint16_t>(bits), std::memory_order_relaxed);
        break;
    case 4:
        cellAt<std::uint32_t>(p).store(static_cast<std::uint32_t>(bits), std::memory_order_relaxed);
        break;
    default:
        cellAt<std::uint64_t>(p).store(bits, std::memory_order_relaxed);
        break;
    }
}
// The bits a 'f' or 'd' cell holds for d (1e40 in a 'f' is inf, as in C).
std::uint64_t bitsFromReal(const CtypeInfo& info, double d);
// The unsigned bit pattern of an 'L'/'Q' load that does not fit int64 raises OverflowError.
Object checkedForObject(const CtypeInfo& info, Object loaded);
// c_int(5), c_double(2.5), c_char(b'a'), c_wchar('x'), c_ulong(18446744073709551615).
std::string reprElement(const CtypeInfo& info, const std::byte* p);

// The right-hand side of `v.value += n` when it is a number (an int, a bool or a float).
struct NumberDelta {
    std::int64_t integer = 0;
    double real = 0.0;
    bool isFloat = false;
    static std::optional<NumberDelta> of(const Object& delta);
};

// `obj[index] += delta` (add) or `-= delta`: both critical sections and the micro-step gate between them, for
// a number added to an integer or float cell of an unobserved object; the value read goes to *seen if asked
// for. Returns false, having done nothing, for every other case.
bool updateNumber(CtypeObject& obj, std::size_t index, const NumberDelta& delta, bool add, Object* seen);

// Python's `a += b` / `a -= b` for the values a shared ctypes object holds.
Object inplaceAdd(const Object& a, const Object& b);
Object inplaceSub(const Object& a, const Object& b);

// UTF-8 <-> code points for 'u' (c_wchar, 4 bytes on Linux).
std::u32string decodeUtf8(const std::string& s);
std::string encodeUtf8(char32_t c);

} // namespace mp::detail
