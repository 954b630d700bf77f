// SPDX-License-Identifier: MIT
// ctypes' side of shared ctypes objects: typecodes and C sizes (item 50), loads and stores with ctypes'
// conversion rules (item 52), and the repr ctypes prints.
#include "sharedctypes_detail.h"

#include <mp/errors.h>

#include <atomic>
#include <bit>
#include <cstring>
#include <string>

namespace mp::detail {

static_assert(sizeof(wchar_t) == 4, "c_wchar is 4 bytes on Linux");
static_assert(sizeof(long) == 8, "c_long is 8 bytes on LP64 Linux");

namespace {

constexpr CtypeInfo CTYPES[] = {
    { 'c', 1, CtypeKind::Char, "c_char" },
    { 'u', sizeof(wchar_t), CtypeKind::WideChar, "c_wchar" },
    { 'b', 1, CtypeKind::Signed, "c_byte" },
    { 'B', 1, CtypeKind::Unsigned, "c_ubyte" },
    { 'h', 2, CtypeKind::Signed, "c_short" },
    { 'H', 2, CtypeKind::Unsigned, "c_ushort" },
    { 'i', 4, CtypeKind::Signed, "c_int" },
    { 'I', 4, CtypeKind::Unsigned, "c_uint" },
    { 'l', sizeof(long), CtypeKind::Signed, "c_long" },
    { 'L', sizeof(long), CtypeKind::Unsigned, "c_ulong" },
    // c_longlong is an alias of c_long where both are 8 bytes, so ctypes prints c_long.
    { 'q', 8, CtypeKind::Signed, "c_long" },
    { 'Q', 8, CtypeKind::Unsigned, "c_ulong" },
    { 'f', sizeof(float), CtypeKind::Float, "c_float" },
    { 'd', sizeof(double), CtypeKind::Float, "c_double" },
    // ctypes.c_bool: no typecode of multiprocessing's own, but Value(ctypes.c_bool) takes it.
    { '?', sizeof(bool), CtypeKind::Bool, "c_bool" },
};

std::string typeOf(const Object& v)
{
    return v.type_name();
}

bool isInteger(const Object& v)
{
    return v.is_int() || v.is_bool();
}

std::int64_t toCInteger(const Object& v)
{
    if (!isInteger(v))
        throw TypeError("'" + typeOf(v) + "' object cannot be interpreted as an integer");
    return v.as_int();
}

double toCReal(const Object& v)
{
    if (!isInteger(v) && !v.is_float())
        throw TypeError("must be real number, not " + typeOf(v));
    return v.as_float();
}

std::uint64_t toCChar(const Object& v)
{
    if (v.is_bytes() && v.as_bytes().size() == 1)
        return static_cast<unsigned char>(v.as_bytes().data()[0]);
    if (isInteger(v) && v.as_int() >= 0 && v.as_int() <= 255)
        return static_cast<std::uint64_t>(v.as_int());
    throw TypeError("one character bytes, bytearray or integer expected");
}

std::uint64_t toCWideChar(const Object& v)
{
    if (!v.is_str())
        throw TypeError("unicode string expected instead of " + typeOf(v) + " instance");
    const std::u32string chars = decodeUtf8(v.as_str());
    if (chars.size() != 1)
        throw TypeError("one character unicode string expected");
    return chars[0];
}

std::uint64_t toCBool(const Object& v)
{
    if (v.is_bool() || v.is_int())
        return v.as_int() != 0;
    if (v.is_float())
        return v.as_float() != 0.0;
    if (v.is_none())
        return 0;
    if (v.is_str())
        return !v.as_str().empty();
    if (v.is_bytes())
        return v.as_bytes().size() != 0;
    return 1;
}

} // namespace

const CtypeInfo& ctypeInfo(char typecode)
{
    for (const CtypeInfo& info : CTYPES)
        if (info.code == typecode)
            return info;
    throw TypeError("this type has no size");
}

std::int64_t signedFromBits(const CtypeInfo& info, std::uint64_t bits)
{
    const auto shift = static_cast<unsigned>(64 - 8 * info.size);
    return static_cast<std::int64_t>(bits << shift) >> shift;
}

double realFromBits(const CtypeInfo& info, std::uint64_t bits)
{
    if (info.size == sizeof(float))
        return static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(bits)));
    return std::bit_cast<double>(bits);
}

std::uint64_t bitsFromReal(const CtypeInfo& info, double d)
{
    if (info.size == sizeof(float))
        return std::bit_cast<std::uint32_t>(static_cast<float>(d)); // 1e40 -> inf, as C
    return std::bit_cast<std::uint64_t>(d);
}

Object loadElement(const CtypeInfo& info, const std::byte* p)
{
    const std::uint64_t bits = loadBits(p, info.size);
    switch (info.kind) {
    case CtypeKind::Signed:
        return signedFromBits(info, bits);
    case CtypeKind::Unsigned:
        return static_cast<std::int64_t>(bits);
    case CtypeKind::Float:
        return realFromBits(info, bits);
    case CtypeKind::Char:
        return Bytes(std::string(1, static_cast<char>(bits)));
    case CtypeKind::WideChar:
        return encodeUtf8(static_cast<char32_t>(bits));
    case CtypeKind::Bool:
        return bits != 0;
    }
    return None;
}

void storeElement(const CtypeInfo& info, std::byte* p, const Object& value)
{
    switch (info.kind) {
    case CtypeKind::Signed:
    case CtypeKind::Unsigned:
        storeBits(p, info.size, static_cast<std::uint64_t>(toCInteger(value)));
        return;
    case CtypeKind::Float:
        storeBits(p, info.size, bitsFromReal(info, toCReal(value)));
        return;
    case CtypeKind::Char:
        storeBits(p, info.size, toCChar(value));
        return;
    case CtypeKind::WideChar:
        storeBits(p, info.size, toCWideChar(value));
        return;
    case CtypeKind::Bool: // ctypes stores the truth of any object; the Python module passes a bool
        storeBits(p, info.size, toCBool(value));
        return;
    }
}

Object checkedForObject(const CtypeInfo& info, Object loaded)
{
    if (info.kind == CtypeKind::Unsigned && info.size == 8 && loaded.as_int() < 0)
        throw OverflowError("int " + std::to_string(static_cast<std::uint64_t>(loaded.as_int()))
            + " is too large for mp::Object's signed 64-bit int");
    return loaded;
}

std::string reprElement(const CtypeInfo& info, const std::byte* p)
{
    std::string out = std::string(info.name) + "(";
    if (info.kind == CtypeKind::Unsigned)
        out += std::to_string(loadBits(p, info.size));
    else
        out += repr(loadElement(info, p));
    return out + ")";
}

} // namespace mp::detail
