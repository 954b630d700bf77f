// SPDX-License-Identifier: MIT
#include <mp/errors.h>
#include <mp/object.h>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using mp::Object;

struct ReprCase {
    Object value;
    const char* python;
};

void PrintTo(const ReprCase& c, std::ostream* os)
{
    *os << c.python;
}

class ReprTest : public ::testing::TestWithParam<ReprCase> { };

TEST_P(ReprTest, MatchesPythonRepr)
{
    EXPECT_EQ(mp::repr(GetParam().value), GetParam().python);
}

// Each expected string is what CPython 3.11 prints for repr() of the same value.
INSTANTIATE_TEST_SUITE_P(Python, ReprTest,
    ::testing::Values(ReprCase { mp::None, "None" }, ReprCase { true, "True" }, ReprCase { false, "False" },
        ReprCase { 3, "3" }, ReprCase { -7, "-7" }, ReprCase { 2.5, "2.5" }, ReprCase { 1.0, "1.0" },
        ReprCase { 0.1, "0.1" }, ReprCase { 1e16, "1e+16" }, ReprCase { 1e15, "1000000000000000.0" },
        ReprCase { 1e-5, "1e-05" }, ReprCase { 0.0001, "0.0001" }, ReprCase { -0.0, "-0.0" },
        ReprCase { 1.5e300, "1.5e+300" }, ReprCase { 123456789.125, "123456789.125" }, ReprCase { "Hello", "'Hello'" },
        ReprCase { "it's", "\"it's\"" }, ReprCase { "a'b\"c", "'a\\'b\"c'" },
        ReprCase { "tab\there\n", "'tab\\there\\n'" }, ReprCase { "\x01", "'\\x01'" },
        ReprCase { "caf\xc3\xa9", "'caf\xc3\xa9'" }, ReprCase { mp::Bytes("ab"), "b'ab'" },
        ReprCase { mp::Bytes(std::string("\x00\xff", 2)), "b'\\x00\\xff'" }, ReprCase { mp::tuple { 3, 4 }, "(3, 4)" },
        ReprCase { mp::tuple { 1 }, "(1,)" }, ReprCase { mp::tuple {}, "()" }, ReprCase { mp::list { 1, 2 }, "[1, 2]" },
        ReprCase { mp::dict { { "a", 1 } }, "{'a': 1}" },
        ReprCase { mp::list { mp::tuple { "Hello", "World" }, mp::None, 2.0 }, "[('Hello', 'World'), None, 2.0]" }));

TEST(ObjectTest, EqualityFollowsPython)
{
    EXPECT_EQ(Object(1), Object(1.0));
    EXPECT_EQ(Object(true), Object(1));
    EXPECT_NE(Object(mp::list { 1 }), Object(mp::tuple { 1 }));
    EXPECT_EQ(Object(mp::dict { { "a", 1 }, { "b", 2 } }), Object(mp::dict { { "b", 2 }, { "a", 1 } }));
    EXPECT_NE(Object("1"), Object(1));
}

TEST(ObjectTest, WrongTypeAccessRaisesTypeError)
{
    const Object sut("text");
    EXPECT_THROW(sut.as_int(), mp::TypeError);
    EXPECT_EQ(sut.as_str(), "text");
    EXPECT_STREQ(sut.type_name(), "str");
}

TEST(ObjectTest, StrLeavesStringsUnquoted)
{
    EXPECT_EQ(mp::str(Object("HelloWorld")), "HelloWorld");
    EXPECT_EQ(mp::str(Object(7)), "7");
}

// b = bytes(memoryview(b'a\x00b')); len(b) == 3: the octets, NULs included, read through data() and size() as a
// std::string's are, and seen without a copy.
TEST(ObjectTest, BytesHaveDataSizeAViewAndAStringViewConstructor)
{
    const std::string_view octets("a\0b", 3);

    const mp::Bytes sut(octets);

    EXPECT_EQ(sut.size(), 3u);
    EXPECT_EQ(std::string_view(sut.data(), sut.size()), octets);
    EXPECT_FALSE(sut.empty());
    EXPECT_TRUE(mp::Bytes().empty());
    EXPECT_EQ(sut.view(), octets);
    EXPECT_EQ(sut.view().data(), sut.data()); // a view of the octets, not a copy
    EXPECT_EQ(sut.str(), std::string(octets));
    EXPECT_EQ(mp::Bytes(std::string("xy")).str(), "xy");
    EXPECT_EQ(mp::Bytes("ab"), mp::Bytes(std::string("ab")));
    EXPECT_EQ(mp::Bytes("ab").view(), "ab");
    EXPECT_EQ(mp::repr(Object(sut)), "b'a\\x00b'");
}

} // namespace
