// SPDX-License-Identifier: MIT
#include <mp/errors.h>
#include <mp/object.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mp {

const Object* dict::find(std::string_view key) const
{
    for (const auto& [k, v] : *this)
        if (k == key)
            return &v;
    return nullptr;
}

const char* Object::type_name() const noexcept
{
    static constexpr const char* NAMES[]
        = { "NoneType", "bool", "int", "float", "str", "bytes", "list", "tuple", "dict", "foreign" };
    if (const ForeignRef* f = std::get_if<ForeignRef>(&m_v))
        return (*f)->type_name();
    return NAMES[m_v.index()];
}

namespace {

template <typename T> const T& expect(const Object::Value& v, const Object& self, const char* wanted)
{
    if (const T* p = std::get_if<T>(&v))
        return *p;
    throw TypeError(std::string("expected ") + wanted + ", got '" + self.type_name() + "' object");
}

} // namespace

bool Object::as_bool() const
{
    return expect<bool>(m_v, *this, "bool");
}
std::int64_t Object::as_int() const
{
    if (const bool* b = std::get_if<bool>(&m_v))
        return *b ? 1 : 0;
    return expect<std::int64_t>(m_v, *this, "int");
}
double Object::as_float() const
{
    if (is_int() || is_bool())
        return static_cast<double>(as_int());
    return expect<double>(m_v, *this, "float");
}
const std::string& Object::as_str() const
{
    return expect<std::string>(m_v, *this, "str");
}
const Bytes& Object::as_bytes() const
{
    return expect<Bytes>(m_v, *this, "bytes");
}
const list& Object::as_list() const
{
    return expect<list>(m_v, *this, "list");
}
const tuple& Object::as_tuple() const
{
    return expect<tuple>(m_v, *this, "tuple");
}
const dict& Object::as_dict() const
{
    return expect<dict>(m_v, *this, "dict");
}

const ForeignRef& Object::as_foreign() const
{
    return expect<ForeignRef>(m_v, *this, "a foreign object");
}

bool operator==(const Object& a, const Object& b)
{
    if (a.is_foreign() || b.is_foreign())
        return a.is_foreign() && b.is_foreign() && a.as_foreign() == b.as_foreign();
    const bool aNum = a.is_bool() || a.is_int() || a.is_float();
    const bool bNum = b.is_bool() || b.is_int() || b.is_float();
    if (aNum && bNum) {
        if (a.is_float() || b.is_float())
            return a.as_float() == b.as_float();
        return a.as_int() == b.as_int();
    }
    if (a.is_dict() && b.is_dict()) {
        const dict& x = a.as_dict();
        const dict& y = b.as_dict();
        if (x.size() != y.size())
            return false;
        return std::all_of(x.begin(), x.end(), [&](const auto& kv) {
            const Object* other = y.find(kv.first);
            return other && *other == kv.second;
        });
    }
    return a.value() == b.value();
}

namespace {

void appendHex(std::string& out, unsigned value)
{
    static constexpr char HEX[] = "0123456789abcdef";
    out += "\\x";
    out += HEX[(value >> 4) & 0xf];
    out += HEX[value & 0xf];
}

char pickQuote(std::string_view s)
{
    const bool single = s.find('\'') != std::string_view::npos;
    const bool dbl = s.find('"') != std::string_view::npos;
    return (single && !dbl) ? '"' : '\'';
}

bool escapeCommon(std::string& out, unsigned char c, char quote)
{
    switch (c) {
    case '\\':
        out += "\\\\";
        return true;
    case '\t':
        out += "\\t";
        return true;
    case '\n':
        out += "\\n";
        return true;
    case '\r':
        out += "\\r";
        return true;
    default:
        break;
    }
    if (c == static_cast<unsigned char>(quote)) {
        out += '\\';
        out += static_cast<char>(c);
        return true;
    }
    if (c < 0x20 || c == 0x7f) {
        appendHex(out, c);
        return true;
    }
    return false;
}

std::string reprStr(std::string_view s)
{
    const char quote = pickQuote(s);
    std::string out(1, quote);
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (escapeCommon(out, c, quote))
            continue;
        // U+0080..U+00A0 and U+00AD are not printable in Python and print as \xNN; they are C2 xx in UTF-8.
        if (c == 0xc2 && i + 1 < s.size()) {
            const auto next = static_cast<unsigned char>(s[i + 1]);
            if (next <= 0xa0 || next == 0xad) {
                appendHex(out, next);
                ++i;
                continue;
            }
        }
        out += static_cast<char>(c);
    }
    out += quote;
    return out;
}

std::string reprBytes(std::string_view s)
{
    const char quote = pickQuote(s);
    std::string out = "b";
    out += quote;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (escapeCommon(out, c, quote))
            continue;
        if (c >= 0x80)
            appendHex(out, c);
        else
            out += ch;
    }
    out += quote;
    return out;
}

// Python's float repr: the shortest digits that round-trip, fixed notation for exponents -4..15, else
// scientific with at least two exponent digits; fixed notation always shows a '.0'.
std::string reprFloat(double d)
{
    if (std::isnan(d))
        return "nan";
    if (std::isinf(d))
        return d < 0 ? "-inf" : "inf";
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
    std::string sign;
    if (sci.front() == '-') {
        sign = "-";
        sci.remove_prefix(1);
    }
    const std::size_t epos = sci.find('e');
    std::string digits;
    for (const char c : sci.substr(0, epos))
        if (c != '.')
            digits += c;
    int exp10 = 0;
    std::from_chars(sci.data() + epos + 1 + (sci[epos + 1] == '+' ? 1 : 0), sci.data() + sci.size(), exp10);
    const int decpt = exp10 + 1;
    if (decpt <= -4 || decpt > 16) {
        std::string out = sign + digits.substr(0, 1);
        if (digits.size() > 1)
            out += "." + digits.substr(1);
        const int e = decpt - 1;
        std::string ed = std::to_string(e < 0 ? -e : e);
        if (ed.size() < 2)
            ed = "0" + ed;
        return out + "e" + (e < 0 ? "-" : "+") + ed;
    }
    std::string out = sign;
    if (decpt <= 0) {
        out += "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
    } else if (static_cast<std::size_t>(decpt) >= digits.size()) {
        out += digits + std::string(static_cast<std::size_t>(decpt) - digits.size(), '0') + ".0";
    } else {
        out += digits.substr(0, static_cast<std::size_t>(decpt)) + "." + digits.substr(static_cast<std::size_t>(decpt));
    }
    return out;
}

template <typename Seq> std::string reprSeq(const Seq& seq, char open, char close, bool tupleComma)
{
    std::string out(1, open);
    for (std::size_t i = 0; i < seq.size(); ++i) {
        if (i)
            out += ", ";
        out += repr(seq[i]);
    }
    if (tupleComma && seq.size() == 1)
        out += ',';
    out += close;
    return out;
}

struct ReprVisitor {
    std::string operator()(const ForeignRef& f) const { return f->repr(); }
    std::string operator()(NoneType) const { return "None"; }
    std::string operator()(bool b) const { return b ? "True" : "False"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return reprFloat(d); }
    std::string operator()(const std::string& s) const { return reprStr(s); }
    std::string operator()(const Bytes& b) const { return reprBytes(b.str()); }
    std::string operator()(const list& l) const { return reprSeq(l, '[', ']', false); }
    std::string operator()(const tuple& t) const { return reprSeq(t, '(', ')', true); }
    std::string operator()(const dict& d) const
    {
        std::string out = "{";
        for (std::size_t i = 0; i < d.size(); ++i) {
            if (i)
                out += ", ";
            out += reprStr(d[i].first) + ": " + repr(d[i].second);
        }
        return out + "}";
    }
};

} // namespace

std::string repr(const Object& obj)
{
    return std::visit(ReprVisitor {}, obj.value());
}

std::string str(const Object& obj)
{
    return obj.is_str() ? obj.as_str() : repr(obj);
}

} // namespace mp
