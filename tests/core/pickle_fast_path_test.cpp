// SPDX-License-Identifier: MIT
// mp::dumps() and mp::loads() take a direct route for common values and fall back to nlohmann-json, the
// format's reference, for everything else. These tests prove that the two routes cannot be told apart: the
// same bytes out of dumps(), the same value (or the same exception with the same message) out of loads(),
// over every CBOR major type, edge values, random values, and malformed and unusual input.
#include <mp/errors.h>
#include <mp/pickle.h>

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using mp::Object;

// Same type and same value all the way down (Object's == is Python's, where 1 == 1.0 == True).
bool same(const Object& a, const Object& b)
{
    if (a.value().index() != b.value().index())
        return false;
    if (a.is_float())
        return std::bit_cast<std::uint64_t>(a.as_float()) == std::bit_cast<std::uint64_t>(b.as_float());
    auto sameItems = [](const auto& x, const auto& y) {
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!same(x[i], y[i]))
                return false;
        return true;
    };
    if (a.is_list())
        return sameItems(a.as_list(), b.as_list());
    if (a.is_tuple())
        return sameItems(a.as_tuple(), b.as_tuple());
    if (a.is_dict()) {
        const mp::dict& x = a.as_dict();
        const mp::dict& y = b.as_dict();
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (x[i].first != y[i].first || !same(x[i].second, y[i].second))
                return false;
        return true;
    }
    return a == b;
}

// What one route made of its input: a value or bytes, or the exception's type and message.
struct Outcome {
    std::string bytes;
    std::optional<Object> value;
    std::string error;
};

template <typename F> Outcome outcome(F f)
{
    Outcome out;
    try {
        if constexpr (std::is_same_v<decltype(f()), std::string>)
            out.bytes = f();
        else
            out.value = f();
    } catch (const mp::Error& e) {
        out.error = std::string(e.type_name()) + ": " + e.what();
    }
    return out;
}

std::string hex(std::string_view s)
{
    static constexpr char DIGITS[] = "0123456789abcdef";
    std::string out;
    for (const char c : s) {
        out += DIGITS[static_cast<unsigned char>(c) >> 4];
        out += DIGITS[static_cast<unsigned char>(c) & 0xf];
    }
    return out;
}

// Asserts that loads() and the reference agree on `data`; returns true if it decoded.
bool expectSameDecode(std::string_view data)
{
    const Outcome fast = outcome([&] { return mp::loads(data); });
    const Outcome reference = outcome([&] { return mp::detail::loadsReference(data); });
    EXPECT_EQ(fast.error, reference.error) << "input " << hex(data);
    EXPECT_EQ(fast.value.has_value(), reference.value.has_value()) << "input " << hex(data);
    if (fast.value && reference.value) {
        EXPECT_TRUE(same(*fast.value, *reference.value))
            << "input " << hex(data) << ": " << mp::repr(*fast.value) << " vs " << mp::repr(*reference.value);
    }
    return fast.value.has_value();
}

// Asserts that dumps() and the reference agree on `obj`, and that both decodings of the bytes agree too (they
// may fail alike: a tuple nests two maps deep on the wire, so MAX_DEPTH tuples encode but do not decode).
void expectSameEncode(const Object& obj)
{
    const Outcome fast = outcome([&] { return mp::dumps(obj); });
    const Outcome reference = outcome([&] { return mp::detail::dumpsReference(obj); });
    ASSERT_EQ(fast.error, reference.error) << mp::repr(obj);
    ASSERT_EQ(hex(fast.bytes), hex(reference.bytes)) << mp::repr(obj);
    if (fast.error.empty())
        expectSameDecode(fast.bytes);
}

std::vector<Object> edgeScalars()
{
    std::vector<Object> out { mp::None, true, false };
    for (const std::int64_t boundary : { std::int64_t { 0 }, std::int64_t { 23 }, std::int64_t { 24 },
             std::int64_t { 255 }, std::int64_t { 256 }, std::int64_t { 65535 }, std::int64_t { 65536 },
             std::int64_t { 4294967295 }, std::int64_t { 4294967296 } }) {
        for (const std::int64_t delta : { -1, 0, 1 }) {
            out.emplace_back(boundary + delta);
            out.emplace_back(-boundary + delta);
            out.emplace_back(-1 - boundary + delta);
        }
    }
    for (const std::int64_t i :
        { std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::min() + 1,
            std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::max() - 1 })
        out.emplace_back(i);
    for (const double d : { 0.0, -0.0, 1.0, -1.5, 0.1, 1e300, -1e-300, 3.4028234663852886e38, 3.4028235677973366e38,
             -3.4028234663852886e38, 1.401298464324817e-45, 5e-324, 65504.0, 1e16,
             std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
             std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::max(),
             std::numeric_limits<double>::denorm_min() })
        out.emplace_back(d);
    for (const std::size_t n : { 0, 1, 23, 24, 255, 256, 65535, 65536 }) {
        out.emplace_back(std::string(n, 'a'));
        out.emplace_back(mp::Bytes(std::string(n, '\xff')));
    }
    for (const char* s : { "h\xc3\xa9llo", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xff", "a\xc3", "\xc0\xaf",
             "abcdefgh\x80", "\xed\xa0\x80" })
        out.emplace_back(std::string(s));
    return out;
}

Object nested(int depth, Object leaf)
{
    for (int i = 0; i < depth; ++i)
        leaf = i % 2 ? Object(mp::list { leaf }) : Object(mp::tuple { leaf, i });
    return leaf;
}

Object randomObject(std::mt19937_64& rng, int depth)
{
    std::uniform_int_distribution<int> kind(0, depth > 3 ? 6 : 9);
    std::uniform_int_distribution<int> small(0, 40);
    switch (kind(rng)) {
    case 0:
        return mp::None;
    case 1:
        return rng() % 2 == 0;
    case 2:
        return static_cast<std::int64_t>(rng() >> (rng() % 64));
    case 3:
        return -static_cast<std::int64_t>(rng() >> (1 + rng() % 63));
    case 4:
        return std::bit_cast<double>(rng());
    case 5: {
        std::string s;
        for (int i = small(rng); i > 0; --i)
            s += static_cast<char>(rng() % 3 ? 'a' + rng() % 26 : rng() % 256);
        return s;
    }
    case 6: {
        std::string s;
        for (int i = small(rng); i > 0; --i)
            s += static_cast<char>(rng() % 256);
        return mp::Bytes(s);
    }
    case 7: {
        mp::list l;
        for (int i = small(rng) % 6; i > 0; --i)
            l.push_back(randomObject(rng, depth + 1));
        return l;
    }
    case 8: {
        mp::tuple t;
        for (int i = small(rng) % 6; i > 0; --i)
            t.push_back(randomObject(rng, depth + 1));
        return t;
    }
    default: {
        mp::dict d;
        for (int i = small(rng) % 6; i > 0; --i)
            d.emplace_back(std::string(1, static_cast<char>('a' + rng() % 4)), randomObject(rng, depth + 1));
        return d;
    }
    }
}

TEST(PickleFastPathTest, EncodesEdgeScalarsAsTheReferenceDoes)
{
    for (const Object& obj : edgeScalars())
        expectSameEncode(obj);
}

TEST(PickleFastPathTest, EncodesContainersAsTheReferenceDoes)
{
    const std::vector<Object> scalars = edgeScalars();
    expectSameEncode(mp::list(scalars.begin(), scalars.end()));
    expectSameEncode(mp::tuple(scalars.begin(), scalars.end()));
    for (const Object& obj : { Object(mp::list {}), Object(mp::tuple {}), Object(mp::dict {}), Object(mp::tuple { 1 }),
             Object(mp::list(24, Object(7))), Object(mp::list(256, Object("x"))),
             Object(mp::dict { { "a", 1 }, { "b", mp::tuple { 2, "c" } } }),
             Object(mp::dict { { "a", 1 },
                 { "a",
                     2 } }), // repeated keys: nlohmann's object keeps the position of the first, the value of the last
             Object(mp::dict { { "\xff", 1 } }), Object(mp::dict { { "", mp::dict { { "d", mp::dict {} } } } }),
             Object(mp::list { "ok", std::string("\xfe") }) })
        expectSameEncode(obj);
    mp::dict big;
    for (int i = 0; i < 40; ++i)
        big.emplace_back("k" + std::to_string(i), i);
    expectSameEncode(big);
}

TEST(PickleFastPathTest, AgreesAtEveryNestingDepthUpToAndPastTheLimit)
{
    for (int depth = 0; depth < 80; ++depth)
        expectSameEncode(nested(depth, Object(depth)));
    expectSameEncode(nested(mp::MAX_DEPTH - 1, Object(1)));
    expectSameEncode(nested(mp::MAX_DEPTH + 1, Object(1))); // RecursionError from both
}

TEST(PickleFastPathTest, AgreesOnRandomValues)
{
    std::mt19937_64 rng(20240601);
    for (int i = 0; i < 20000; ++i)
        expectSameEncode(randomObject(rng, 0));
}

TEST(PickleFastPathTest, CommonValuesRoundTrip)
{
    for (const Object& obj :
        { Object(0), Object(-1), Object(INT64_MAX), Object("text"), Object(mp::Bytes(std::string("\x00\x01", 2))),
            Object(mp::tuple { 1, "a", mp::None }), Object(mp::list { 2.5, true }), Object(mp::dict { { "k", 1 } }) })
        EXPECT_TRUE(same(mp::loads(mp::dumps(obj)), obj)) << mp::repr(obj);
}

TEST(PickleFastPathTest, DecodesEveryOneAndTwoByteInputAsTheReferenceDoes)
{
    expectSameDecode("");
    for (int a = 0; a < 256; ++a) {
        const char one[1] = { static_cast<char>(a) };
        expectSameDecode(std::string_view(one, 1));
        for (int b = 0; b < 256; ++b) {
            const char two[2] = { static_cast<char>(a), static_cast<char>(b) };
            expectSameDecode(std::string_view(two, 2));
        }
    }
}

TEST(PickleFastPathTest, DecodesUnusualButValidEncodingsAsTheReferenceDoes)
{
    using namespace std::string_literals;
    const std::string cases[] = {
        "\x18\x05"s, // non-minimal ints
        "\x19\x00\x05"s,
        "\x1b\x7f\xff\xff\xff\xff\xff\xff\xff"s,
        "\x1b\x80\x00\x00\x00\x00\x00\x00\x00"s, // past int64: an error
        "\x3b\x7f\xff\xff\xff\xff\xff\xff\xff"s,
        "\x3b\x80\x00\x00\x00\x00\x00\x00\x00"s, // past int64 the other way: nlohmann wraps
        "\x3b\xff\xff\xff\xff\xff\xff\xff\xff"s,
        "\x78\x01z"s, // non-minimal lengths
        "\x58\x01z"s,
        "\x98\x01\x01"s,
        "\x7f\x61\x61\x61\x62\xff"s, // indefinite lengths
        "\x5f\x41\x01\xff"s,
        "\x9f\x01\x02\xff"s,
        "\xbf\x61t\x80\xff"s,
        "\xa1\x78\x01t\x80"s, // a wrapper key written the long way
        "\xa1\x61t\x9f\x01\xff"s,
        "\xa1\x61"
        "d\xa1\x61k\x01"s,
        "\xa1\x61"
        "d\xa2\x61k\x01\x61k\x02"s, // repeated dict keys on the wire
        "\xa1\x61"
        "d\xa1\x01\x01"s, // a dict key that is not a string
        "\xa1\x61"
        "d\xa1\x78\x01k\x01"s,
        "\xa1\x61"
        "d\x80"s, // wrappers around the wrong thing
        "\xa1\x61t\xa0"s,
        "\xa1\x61t\xa1\x61t\x80"s,
        "\xa1\x61x\x80"s,
        "\xa2\x61t\x80\x61t\x80"s,
        "\xa0"s,
        "\xc1\x01"s, // tags
        "\xd8\x40\x41\x00"s,
        "\xf9\x3c\x00"s, // half floats
        "\xf9\x7e\x00"s,
        "\xf9\x7c\x00"s,
        "\xf9\x00\x01"s,
        "\xfa\x7f\xc0\x00\x01"s, // a float NaN with a payload
        "\xfb\x7f\xf0\x00\x00\x00\x00\x00\x01"s,
        "\xf7"s,
        "\xf8\x20"s,
        "\xff"s,
        "\x61\xff"s, // str that is not UTF-8: decoded as is, by both
        "\x81\x81\x81\x81\x01"s,
    };
    for (const std::string& c : cases)
        expectSameDecode(c);
}

TEST(PickleFastPathTest, AgreesOnTruncatedExtendedAndCorruptedEncodings)
{
    std::mt19937_64 rng(7);
    std::vector<std::string> encodings;
    auto add = [&](const Object& obj) {
        if (const Outcome o = outcome([&] { return mp::detail::dumpsReference(obj); }); o.error.empty())
            encodings.push_back(o.bytes);
    };
    for (const Object& obj : edgeScalars())
        add(obj);
    for (int i = 0; i < 300; ++i)
        add(randomObject(rng, 0));
    ASSERT_GT(encodings.size(), 250U);
    for (const std::string& good : encodings) {
        for (std::size_t cut = 0; cut < good.size() && cut < 40; ++cut)
            expectSameDecode(std::string_view(good).substr(0, cut));
        expectSameDecode(good + '\x00');
        expectSameDecode(good + good);
        for (int flips = 0; flips < 8; ++flips) {
            std::string bad = good;
            bad[rng() % bad.size()] ^= static_cast<char>(1 << (rng() % 8));
            expectSameDecode(bad);
            bad[rng() % bad.size()] = static_cast<char>(rng());
            expectSameDecode(bad);
        }
    }
}

TEST(PickleFastPathTest, RandomBytesDecodeAlikeOrFailAlike)
{
    std::mt19937_64 rng(11);
    int decoded = 0;
    for (int i = 0; i < 200000; ++i) {
        std::string data(1 + rng() % 6, '\0');
        for (char& c : data)
            c = static_cast<char>(rng());
        decoded += expectSameDecode(data) ? 1 : 0;
    }
    EXPECT_GT(decoded, 1000); // the inputs reach the success paths too, not only the errors
}

TEST(PickleFastPathTest, DeepInputIsRefusedByBoth)
{
    std::string hostile(5000, '\x81');
    hostile += '\x01';
    expectSameDecode(hostile);
    std::string tuples;
    for (int i = 0; i < 1200; ++i)
        tuples += "\xa1\x61t\x81";
    tuples += '\x01';
    expectSameDecode(tuples);
}

} // namespace
