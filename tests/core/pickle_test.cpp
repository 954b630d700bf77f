// SPDX-License-Identifier: MIT
#include <mp/errors.h>
#include <mp/pickle.h>

#include <gtest/gtest.h>

namespace {

TEST(PickleTest, RoundTripsEveryKind)
{
    const mp::Object sut = mp::list { mp::None, true, -5, 2.5, "str", mp::Bytes("\x00\x01"), mp::tuple { 3, 4 },
        mp::list {}, mp::dict { { "z", 1 }, { "a", mp::tuple { "x" } } } };

    const mp::Object back = mp::loads(mp::dumps(sut));

    EXPECT_EQ(back, sut);
    EXPECT_EQ(mp::repr(back), mp::repr(sut)); // dict order and tuple-vs-list survive
}

TEST(PickleTest, LargeIntegersSurvive)
{
    for (const std::int64_t v : { INT64_MIN, std::int64_t { -1 }, std::int64_t { 0 }, INT64_MAX })
        EXPECT_EQ(mp::loads(mp::dumps(v)).as_int(), v);
}

TEST(PickleTest, TruncatedDataIsAnUnpicklingErrorWithOffset)
{
    const std::string good = mp::dumps(mp::list { 1, 2, "three" });

    try {
        mp::loads(std::string_view(good).substr(0, good.size() - 2));
        FAIL() << "truncated data decoded";
    } catch (const mp::UnpicklingError& e) {
        EXPECT_NE(std::string(e.what()).find("byte"), std::string::npos) << e.what();
    }
}

TEST(PickleTest, RejectsTrailingBytesAndForeignMaps)
{
    EXPECT_THROW(mp::loads(mp::dumps(1) + "x"), mp::UnpicklingError);
    // CBOR {"x": 1}: a map that is neither a tuple nor a dict wrapper.
    EXPECT_THROW(mp::loads(std::string("\xa1\x61x\x01", 4)), mp::UnpicklingError);
}

TEST(PickleTest, DeepNestingIsRefusedNotACrash)
{
    std::string hostile(100000, '\x81'); // 100k nested one-element arrays
    hostile += '\x01';
    EXPECT_THROW(mp::loads(hostile), mp::UnpicklingError);
}

TEST(PickleTest, InvalidUtf8CannotBeEncoded)
{
    EXPECT_THROW(mp::dumps(mp::Object(std::string("\xff"))), mp::UnicodeEncodeError);
}

} // namespace
