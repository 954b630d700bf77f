// SPDX-License-Identifier: MIT
#include "cbor_fast.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>

namespace mp::detail {

namespace {

// Deeper values take nlohmann's route, which also enforces MAX_DEPTH.
constexpr int FAST_DEPTH = 32;
// Dicts up to this size are checked for repeated keys, which nlohmann's object would merge; larger ones
// take nlohmann's route.
constexpr std::size_t FAST_DICT = 16;

enum Major : unsigned { UNSIGNED = 0, NEGATIVE = 1, BYTES = 2, TEXT = 3, ARRAY = 4, MAP = 5, SIMPLE = 7 };

// ---- Encoding: nlohmann's binary_writer::write_cbor, for the types it is given by toJson() ----------------

void putHead(std::string& out, unsigned major, std::uint64_t n)
{
    const auto m = static_cast<unsigned char>(major << 5);
    if (n <= 23) {
        out += static_cast<char>(m | n);
        return;
    }
    char buf[9];
    const int len = n <= 0xff ? 1 : n <= 0xffff ? 2 : n <= 0xffffffffULL ? 4 : 8;
    buf[0] = static_cast<char>(m | (len == 1 ? 24 : len == 2 ? 25 : len == 4 ? 26 : 27));
    for (int i = 0; i < len; ++i)
        buf[1 + i] = static_cast<char>(n >> (8 * (len - 1 - i)));
    out.append(buf, static_cast<std::size_t>(1 + len));
}

template <typename T> void putBigEndian(std::string& out, T bits)
{
    char buf[sizeof(T)];
    for (std::size_t i = 0; i < sizeof(T); ++i)
        buf[i] = static_cast<char>(bits >> (8 * (sizeof(T) - 1 - i)));
    out.append(buf, sizeof(T));
}

void putFloat(std::string& out, double d)
{
    if (std::isnan(d)) {
        out.append("\xf9\x7e\x00", 3);
    } else if (std::isinf(d)) {
        out.append(d > 0 ? "\xf9\x7c\x00" : "\xf9\xfc\x00", 3);
    } else if (d >= static_cast<double>(std::numeric_limits<float>::lowest())
        && d <= static_cast<double>(std::numeric_limits<float>::max())
        && static_cast<double>(static_cast<float>(d)) == d) {
        out += '\xfa';
        putBigEndian(out, std::bit_cast<std::uint32_t>(static_cast<float>(d)));
    } else {
        out += '\xfb';
        putBigEndian(out, std::bit_cast<std::uint64_t>(d));
    }
}

bool putText(std::string& out, const std::string& s)
{
    if (invalidUtf8At(s) != std::string_view::npos)
        return false; // nlohmann's route raises UnicodeEncodeError
    putHead(out, TEXT, s.size());
    out += s;
    return true;
}

bool encode(const Object& obj, std::string& out, int depth);

bool encodeItems(const std::vector<Object>& items, std::string& out, int depth)
{
    putHead(out, ARRAY, items.size());
    for (const Object& o : items)
        if (!encode(o, out, depth + 1))
            return false;
    return true;
}

bool encode(const Object& obj, std::string& out, int depth)
{
    if (depth > FAST_DEPTH)
        return false;
    const Object::Value& v = obj.value();
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        if (*i >= 0)
            putHead(out, UNSIGNED, static_cast<std::uint64_t>(*i));
        else
            putHead(out, NEGATIVE, static_cast<std::uint64_t>(-1 - *i));
        return true;
    }
    if (const auto* s = std::get_if<std::string>(&v))
        return putText(out, *s);
    if (const auto* b = std::get_if<Bytes>(&v)) {
        putHead(out, BYTES, b->size());
        out += b->view();
        return true;
    }
    if (std::holds_alternative<NoneType>(v)) {
        out += '\xf6';
        return true;
    }
    if (const auto* flag = std::get_if<bool>(&v)) {
        out += *flag ? '\xf5' : '\xf4';
        return true;
    }
    if (const auto* d = std::get_if<double>(&v)) {
        putFloat(out, *d);
        return true;
    }
    if (const auto* l = std::get_if<list>(&v))
        return encodeItems(*l, out, depth);
    if (const auto* t = std::get_if<tuple>(&v)) {
        out.append("\xa1\x61t", 3); // {"t": [...]}
        return encodeItems(*t, out, depth);
    }
    const dict& d = std::get<dict>(v);
    if (d.size() > FAST_DICT)
        return false;
    for (std::size_t i = 0; i < d.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (d[i].first == d[j].first)
                return false;
    out.append("\xa1\x61"
               "d",
        3); // {"d": {...}}
    putHead(out, MAP, d.size());
    for (const auto& [key, value] : d)
        if (!putText(out, key) || !encode(value, out, depth + 1))
            return false;
    return true;
}

// ---- Decoding: what nlohmann's CBOR parser and pickle.cpp's Builder make of the same bytes ------------------

class Reader {
public:
    explicit Reader(std::string_view data)
        : m_p(reinterpret_cast<const unsigned char*>(data.data()))
        , m_end(m_p + data.size())
    {
    }
    bool atEnd() const { return m_p == m_end; }

    std::optional<Object> value(int depth)
    {
        if (depth > FAST_DEPTH || m_p == m_end)
            return std::nullopt;
        const unsigned char initial = *m_p;
        const unsigned major = initial >> 5;
        if (major == SIMPLE)
            return simple();
        std::uint64_t n = 0;
        if (!head(n))
            return std::nullopt;
        switch (major) {
        case UNSIGNED:
            if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return std::nullopt;
            return Object(static_cast<std::int64_t>(n));
        case NEGATIVE:
            if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                return std::nullopt;
            return Object(-1 - static_cast<std::int64_t>(n));
        case BYTES: {
            std::string_view s;
            if (!take(n, s))
                return std::nullopt;
            return Object(Bytes(s.data(), s.size()));
        }
        case TEXT: {
            std::string_view s;
            if (!take(n, s) || invalidUtf8At(s) != std::string_view::npos) // not a str: the reference refuses it
                return std::nullopt;
            return Object(std::string(s));
        }
        case ARRAY: {
            list items;
            if (!itemsInto(n, items, depth))
                return std::nullopt;
            return Object(std::move(items));
        }
        case MAP:
            return wrapper(n, depth);
        default: // tags
            return std::nullopt;
        }
    }

private:
    // The argument of a definite-length head; false for indefinite lengths, reserved values and truncation.
    bool head(std::uint64_t& n)
    {
        const unsigned info = *m_p++ & 0x1f;
        if (info < 24) {
            n = info;
            return true;
        }
        if (info > 27)
            return false;
        const std::size_t len = std::size_t { 1 } << (info - 24);
        if (static_cast<std::size_t>(m_end - m_p) < len)
            return false;
        n = 0;
        for (std::size_t i = 0; i < len; ++i)
            n = (n << 8) | m_p[i];
        m_p += len;
        return true;
    }

    bool take(std::uint64_t n, std::string_view& out)
    {
        if (n > static_cast<std::uint64_t>(m_end - m_p))
            return false;
        out = std::string_view(reinterpret_cast<const char*>(m_p), static_cast<std::size_t>(n));
        m_p += n;
        return true;
    }

    template <typename Seq> bool itemsInto(std::uint64_t n, Seq& items, int depth)
    {
        if (n > static_cast<std::uint64_t>(m_end - m_p)) // every item takes at least one byte
            return false;
        items.reserve(static_cast<std::size_t>(n));
        for (std::uint64_t i = 0; i < n; ++i) {
            std::optional<Object> item = value(depth + 1);
            if (!item)
                return false;
            items.push_back(std::move(*item));
        }
        return true;
    }

    // Only the one-key maps dumps() writes: {"t": [...]} (a tuple) and {"d": {...}} (a dict).
    std::optional<Object> wrapper(std::uint64_t n, int depth)
    {
        if (n != 1 || m_end - m_p < 3 || m_p[0] != 0x61 || (m_p[1] != 't' && m_p[1] != 'd'))
            return std::nullopt;
        const char tag = static_cast<char>(m_p[1]);
        m_p += 2;
        const unsigned major = *m_p >> 5;
        std::uint64_t count = 0;
        if (tag == 't') {
            if (major != ARRAY || !head(count))
                return std::nullopt;
            tuple items;
            if (!itemsInto(count, items, depth))
                return std::nullopt;
            return Object(std::move(items));
        }
        if (major != MAP || !head(count) || count > static_cast<std::uint64_t>(m_end - m_p) || count > FAST_DICT)
            return std::nullopt;
        dict entries;
        entries.reserve(static_cast<std::size_t>(count));
        for (std::uint64_t i = 0; i < count; ++i) {
            std::uint64_t keyLength = 0;
            std::string_view key;
            if (m_p == m_end || (*m_p >> 5) != TEXT || !head(keyLength) || !take(keyLength, key)
                || invalidUtf8At(key) != std::string_view::npos)
                return std::nullopt;
            std::optional<Object> item = value(depth + 2);
            if (!item)
                return std::nullopt;
            for (const auto& [seen, unused] : entries)
                if (seen == key)
                    return std::nullopt; // a repeated key: the reference keeps the last value, as Python's dict
            entries.emplace_back(std::string(key), std::move(*item));
        }
        return Object(std::move(entries));
    }

    std::optional<Object> simple()
    {
        const unsigned char initial = *m_p++;
        switch (initial) {
        case 0xf4:
            return Object(false);
        case 0xf5:
            return Object(true);
        case 0xf6:
            return Object(None);
        case 0xfa: {
            std::uint64_t bits = 0;
            if (!bigEndian(4, bits))
                return std::nullopt;
            return Object(static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(bits))));
        }
        case 0xfb: {
            std::uint64_t bits = 0;
            if (!bigEndian(8, bits))
                return std::nullopt;
            return Object(std::bit_cast<double>(bits));
        }
        default: // half floats, undefined, other simple values, breaks
            return std::nullopt;
        }
    }

    bool bigEndian(std::size_t len, std::uint64_t& n)
    {
        if (static_cast<std::size_t>(m_end - m_p) < len)
            return false;
        for (std::size_t i = 0; i < len; ++i)
            n = (n << 8) | m_p[i];
        m_p += len;
        return true;
    }

    const unsigned char* m_p;
    const unsigned char* m_end;
};

} // namespace

std::size_t invalidUtf8At(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        // Plain ASCII eight bytes at a time.
        if (i + 8 <= s.size()) {
            std::uint64_t chunk;
            std::memcpy(&chunk, s.data() + i, 8);
            if ((chunk & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        if (len == 0 || i + len > s.size() || (len == 2 && c < 0xc2))
            return i;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2)
                return i;
        i += len;
    }
    return std::string_view::npos;
}

bool fastDumps(const Object& obj, std::string& out)
{
    return encode(obj, out, 0);
}

bool fastLoads(std::string_view data, Object& out)
{
    // The commonest message of all, a small int, without building anything.
    if (data.size() == 1 && static_cast<unsigned char>(data[0]) <= 23) {
        out = Object(static_cast<std::int64_t>(data[0]));
        return true;
    }
    Reader reader(data);
    std::optional<Object> obj = reader.value(0);
    if (!obj || !reader.atEnd())
        return false;
    out = std::move(*obj);
    return true;
}

} // namespace mp::detail
