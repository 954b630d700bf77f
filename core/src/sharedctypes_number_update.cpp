// SPDX-License-Identifier: MIT
// The fast path of `v.value += n` / `-= n` (and of a SynchronizedArray item) for the common case: a number
// added to an integer or float cell of an object the run does not observe. It does what the general path in
// sharedctypes_ref.cpp does (a locked read, the micro-step gate, a locked write, with the lock free in between:
// item 55's lost update) on the cell's bits, without building mp::Objects for the arithmetic.
#include "actor/probe.h"
#include "sharedctypes_detail.h"

namespace mp::detail {

std::optional<NumberDelta> NumberDelta::of(const Object& delta)
{
    if (delta.is_int() || delta.is_bool())
        return NumberDelta { .integer = delta.as_int() };
    if (delta.is_float())
        return NumberDelta { .real = delta.as_float(), .isFloat = true };
    return std::nullopt;
}

bool updateNumber(CtypeObject& obj, std::size_t index, const NumberDelta& delta, bool add, Object* seen)
{
    const CtypeInfo& info = *obj.info;
    const bool integral = info.kind == CtypeKind::Signed || info.kind == CtypeKind::Unsigned;
    // Anything else (an observed object, a float added to an int cell, bytes, str) takes the general path,
    // which reports, raises and converts as ctypes does.
    if (obj.object || (integral ? delta.isFloat : info.kind != CtypeKind::Float))
        return false;
    std::byte* cell = obj.at(index);
    // Decided once for both critical sections: nothing this thread holds changes at the gate between them.
    AnyLock* lock = CtypeLockGuard::lockToTake(obj);
    std::uint64_t bits;
    {
        CtypeLockGuard hold(lock);
        bits = loadBits(cell, info.size);
    }
    telemetry::probe::gate(true, "write back");
    if (integral) {
        // Python's exact sum, wrapped to the C width by the store: the low bits are those of the 64-bit sum.
        const auto d = static_cast<std::uint64_t>(delta.integer);
        {
            CtypeLockGuard hold(lock);
            storeBits(cell, info.size, add ? bits + d : bits - d);
        }
        if (seen)
            *seen = info.kind == CtypeKind::Signed ? signedFromBits(info, bits) : static_cast<std::int64_t>(bits);
        return true;
    }
    const double was = realFromBits(info, bits);
    const double d = delta.isFloat ? delta.real : static_cast<double>(delta.integer); // Object::as_float()
    {
        CtypeLockGuard hold(lock);
        storeBits(cell, info.size, bitsFromReal(info, add ? was + d : was - d));
    }
    if (seen)
        *seen = was;
    return true;
}

} // namespace mp::detail
