// SPDX-License-Identifier: MIT
// Python's `+=` and `-=` on the values shared ctypes objects hold, and the UTF-8 side of c_wchar.
#include "sharedctypes_detail.h"

#include <mp/errors.h>

namespace mp::detail {

namespace {

bool isNumber(const Object& v)
{
    return v.is_bool() || v.is_int() || v.is_float();
}

std::string typeOf(const Object& v)
{
    return v.type_name();
}

[[noreturn]] void unsupported(const char* op, const Object& a, const Object& b)
{
    throw TypeError(
        std::string("unsupported operand type(s) for ") + op + ": '" + typeOf(a) + "' and '" + typeOf(b) + "'");
}

// Python ints do not overflow; ctypes then wraps the result to the C width. Wrapping at 64 bits first and
// at the C width afterwards gives the same bits, so unsigned arithmetic is exact here.
std::int64_t wrappingAdd(std::int64_t a, std::int64_t b)
{
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}

} // namespace

Object inplaceAdd(const Object& a, const Object& b)
{
    if (isNumber(a) && isNumber(b)) {
        if (a.is_float() || b.is_float())
            return a.as_float() + b.as_float();
        return wrappingAdd(a.as_int(), b.as_int());
    }
    if (a.is_bytes()) {
        if (!b.is_bytes())
            throw TypeError("can't concat " + typeOf(b) + " to bytes");
        return Bytes(a.as_bytes().str() + b.as_bytes().str());
    }
    if (a.is_str()) {
        if (!b.is_str())
            throw TypeError("can only concatenate str (not \"" + typeOf(b) + "\") to str");
        return a.as_str() + b.as_str();
    }
    unsupported("+=", a, b);
}

Object inplaceSub(const Object& a, const Object& b)
{
    if (!isNumber(a) || !isNumber(b))
        unsupported("-=", a, b);
    if (a.is_float() || b.is_float())
        return a.as_float() - b.as_float();
    return wrappingAdd(a.as_int(), static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(b.as_int())));
}

std::u32string decodeUtf8(const std::string& s)
{
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto lead = static_cast<unsigned char>(s[i]);
        const std::size_t n = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
        char32_t c = n == 1 ? lead : n == 2 ? (lead & 0x1fu) : n == 3 ? (lead & 0x0fu) : (lead & 0x07u);
        for (std::size_t k = 1; k < n && i + k < s.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3fu);
        out += c;
        i += n;
    }
    return out;
}

std::string encodeUtf8(char32_t c)
{
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xc0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xe0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (c & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | ((c >> 18) & 0x07));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (c & 0x3f));
    }
    return out;
}

} // namespace mp::detail
