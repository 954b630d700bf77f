// SPDX-License-Identifier: MIT
// Array and RawArray: sharing with children, items, slices, 'c' arrays' value/raw (CPython items 57-59).
#include <mp/errors.h>
#include <mp/process.h>
#include <mp/sharedctypes.h>

#include "leftovers.h"
#include "raises.h"

#include <numeric>
#include <regex>
#include <vector>

namespace {

class SharedArrayTest : public mptest::NoLeftovers { };

using mptest::messageOf;

mp::list ints(std::initializer_list<int> values)
{
    return mp::list(values.begin(), values.end());
}

TEST_F(SharedArrayTest, ChildrenChangeARangeTheParentSees)
{
    std::vector<int> range(50);
    std::iota(range.begin(), range.end(), 0);
    mp::Array sut('i', range);

    mp::Process doubler([&] {
        for (int i = 0; i < 25; ++i)
            sut[i] = sut[i].get().as_int() * 2;
    });
    mp::Process negater([&] {
        for (int i = 25; i < 50; ++i)
            sut[i] = -static_cast<int>(sut[i]);
    });
    doubler.start();
    negater.start();
    doubler.join();
    negater.join();

    ASSERT_EQ(sut.size(), 50u);
    for (int i = 0; i < 50; ++i)
        EXPECT_EQ(sut[i], i < 25 ? 2 * i : -i) << "index " << i;
}

TEST_F(SharedArrayTest, ItemIncrementsUnderTheArrayLockAreExact)
{
    mp::Array sut('q', 3);
    std::vector<mp::Process> children;
    for (int k = 0; k < 4; ++k)
        children.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                mp::Guard g(sut.get_lock());
                sut[1] += 1;
            }
        });

    for (auto& p : children)
        p.start();
    for (auto& p : children)
        p.join();

    EXPECT_EQ(sut.get_slice(), mp::Object(ints({ 0, 800, 0 })));
}

TEST_F(SharedArrayTest, ASizeGivesAZeroFilledArray)
{
    mp::Array sut('d', 3);

    EXPECT_EQ(len(sut), 3u);
    EXPECT_EQ(sut.get_slice(), mp::Object(mp::list { 0.0, 0.0, 0.0 }));
    EXPECT_EQ(mp::Array('i', 0).size(), 0u);
}

TEST_F(SharedArrayTest, ReprNamesTheWrapperAndTheCtypesArray)
{
    const std::string address = "0x[0-9a-f]+";
    auto matches = [](const std::string& text, const std::string& pattern) {
        return std::regex_match(text, std::regex(pattern));
    };

    EXPECT_TRUE(matches(mp::Array('i', 5).repr(),
        "<SynchronizedArray wrapper for <multiprocessing\\.sharedctypes\\.c_int_Array_5 object at " + address + ">>"));
    EXPECT_TRUE(matches(mp::Array('c', 2).repr(),
        "<SynchronizedString wrapper for <multiprocessing\\.sharedctypes\\.c_char_Array_2 object at " + address
            + ">>"));
    EXPECT_TRUE(matches(
        mp::RawArray('q', 3).repr(), "<multiprocessing\\.sharedctypes\\.c_long_Array_3 object at " + address + ">"));
    EXPECT_TRUE(matches(
        mp::Array('i', 3, false).repr(), "<multiprocessing\\.sharedctypes\\.c_int_Array_3 object at " + address + ">"));
}

TEST_F(SharedArrayTest, IndicesCountFromTheEndAndOutOfRangeIsInvalid)
{
    mp::Array sut('i', { 10, 11, 12, 13, 14 });

    EXPECT_EQ(sut[-1], 14);
    EXPECT_EQ(sut[0], 10);
    EXPECT_EQ(messageOf<mp::IndexError>([&] { sut[5].get(); }), "invalid index");
    EXPECT_EQ(messageOf<mp::IndexError>([&] { sut[-6] = 1; }), "invalid index");
}

TEST_F(SharedArrayTest, SlicesAreListsWithPythonClamping)
{
    mp::Array sut('i', { 0, 1, 2, 3, 4 });

    EXPECT_EQ(sut.get_slice(1, 3), mp::Object(ints({ 1, 2 })));
    EXPECT_EQ(sut.get_slice(3, 1), mp::Object(mp::list {}));
    EXPECT_EQ(sut.get_slice(-2), mp::Object(ints({ 3, 4 })));
    EXPECT_EQ(sut.get_slice(1, 100), mp::Object(ints({ 1, 2, 3, 4 })));

    sut.set_slice(0, 2, { 7, 8 });
    EXPECT_EQ(sut.get_slice(), mp::Object(ints({ 7, 8, 2, 3, 4 })));
}

TEST_F(SharedArrayTest, SliceAssignmentKeepsTheLengthAndWritesItemByItem)
{
    mp::Array sut('i', 3);

    EXPECT_EQ(messageOf<mp::ValueError>([&] { sut.set_slice(0, 2, { 1 }); }), "Can only assign sequence of same size");
    EXPECT_EQ(messageOf<mp::ValueError>([&] { sut.set_slice(0, 2, 5); }), "Can only assign sequence of same size");
    EXPECT_EQ(messageOf<mp::TypeError>([&] {
        sut.set_slice(0, 3, { 1, "x", 3 });
    }),
        "'str' object cannot be interpreted as an integer");
    EXPECT_EQ(sut.get_slice(), mp::Object(ints({ 1, 0, 0 }))); // ctypes stored the item before the bad one
}

// ctypes.sizeof(RawArray('i', 5)) == 20: the item's size times the length; 0 for an empty array.
TEST_F(SharedArrayTest, CtypesSizeofIsItemSizeTimesLength)
{
    EXPECT_EQ(mp::ctypes_sizeof(mp::RawArray('i', 5)), 20u);
    EXPECT_EQ(mp::ctypes_sizeof(mp::RawArray('u', 5)), 20u);
    EXPECT_EQ(mp::ctypes_sizeof(mp::RawArray('c', 5)), 5u);
    EXPECT_EQ(mp::ctypes_sizeof(mp::RawArray('d', { 1.0, 2.0, 3.0 })), 24u);
    EXPECT_EQ(mp::ctypes_sizeof(mp::RawArray('Q', 0)), 0u);
    EXPECT_EQ(mp::ctypes_sizeof(mp::Array('h', 5).get_obj()), 10u);
    EXPECT_EQ(mp::ctypes_sizeof(mp::Array('d', 3, false)), 24u);
}

// ctypes.sizeof(multiprocessing.Array('i', 3)) raises TypeError: SynchronizedArray and SynchronizedString are
// wrappers, not ctypes objects.
TEST_F(SharedArrayTest, CtypesSizeofOfTheSynchronizedWrapperHasNoSize)
{
    EXPECT_EQ(messageOf<mp::TypeError>([] { mp::ctypes_sizeof(mp::Array('i', 3)); }), "this type has no size");
    EXPECT_EQ(messageOf<mp::TypeError>([] { mp::ctypes_sizeof(mp::Array('c', 3)); }), "this type has no size");
}

TEST_F(SharedArrayTest, IterationReadsEveryItem)
{
    mp::Array sut('b', { 300, -1, 5 });

    std::vector<mp::Object> seen;
    for (const mp::Object& item : sut)
        seen.push_back(item);

    EXPECT_EQ(seen, (std::vector<mp::Object> { 44, -1, 5 })); // 300 wraps in a c_byte
}

TEST_F(SharedArrayTest, CharArraysHaveValueAndRaw)
{
    mp::Array sut('c', 5);
    EXPECT_EQ(sut.value, mp::Bytes(""));
    EXPECT_EQ(sut.raw, mp::Bytes(std::string(5, '\0')));
    EXPECT_EQ(sut[0].get(), mp::Object(mp::Bytes(std::string(1, '\0'))));

    sut.value = mp::Bytes("abc");
    EXPECT_EQ(sut.raw, mp::Bytes(std::string("abc\0\0", 5)));
    sut.value = mp::Bytes("z"); // a NUL after it, the rest left alone
    EXPECT_EQ(sut.raw, mp::Bytes(std::string("z\0c\0\0", 5)));
    EXPECT_EQ(sut.value, mp::Bytes("z"));
    sut.value = mp::Bytes("12345"); // no room for a NUL, none written
    EXPECT_EQ(sut.value, mp::Bytes("12345"));
    sut.raw = mp::Bytes("ab");
    EXPECT_EQ(sut.raw, mp::Bytes("ab345"));
    sut[0] = mp::Bytes("Q");
    sut.set_slice(1, 3, mp::Bytes("xy"));
    EXPECT_EQ(sut.get_slice(), mp::Object(mp::Bytes("Qxy45")));
}

TEST_F(SharedArrayTest, CharArrayErrorsAreCtypesErrors)
{
    mp::Array sut('c', mp::Bytes(std::string("ab\0cd", 5)));
    EXPECT_EQ(sut.size(), 5u);
    EXPECT_EQ(sut.value, mp::Bytes("ab"));

    EXPECT_EQ(messageOf<mp::ValueError>([&] { sut.value = mp::Bytes("123456"); }), "byte string too long");
    EXPECT_EQ(messageOf<mp::ValueError>([&] { sut.raw = mp::Bytes("123456"); }), "byte string too long");
    EXPECT_EQ(messageOf<mp::TypeError>([&] { sut.value = "abc"; }), "bytes expected instead of str instance");
    EXPECT_EQ(messageOf<mp::TypeError>([&] { sut.raw = "abc"; }), "a bytes-like object is required, not 'str'");
    EXPECT_EQ(messageOf<mp::TypeError>([&] { sut[0] = "Q"; }), "one character bytes, bytearray or integer expected");
    EXPECT_EQ(messageOf<mp::AttributeError>([] { mp::Array('i', 3).value.get(); }),
        "'SynchronizedArray' object has no attribute 'value'");
    EXPECT_EQ(messageOf<mp::AttributeError>([] { mp::RawArray('i', 3).raw.get(); }),
        "'c_int_Array_3' object has no attribute 'raw'");
}

TEST_F(SharedArrayTest, CharArrayValueIsSharedWithChildren)
{
    mp::Array sut('c', 8);

    mp::Process child([&] { sut.value = mp::Bytes("hello"); });
    child.start();
    child.join();

    EXPECT_EQ(sut.value, mp::Bytes("hello"));
}

TEST_F(SharedArrayTest, WideCharArraysSliceToStr)
{
    mp::Array sut('u', "abc");

    sut.set_slice(0, 2, "xy");

    EXPECT_EQ(sut.get_slice(), mp::Object("xyc"));
    EXPECT_EQ(sut[0].get(), mp::Object("x"));
}

TEST_F(SharedArrayTest, BadSizesAndInitializersRaiseLikePython)
{
    EXPECT_EQ(messageOf<mp::ValueError>([] { mp::Array('i', -1); }), "Array length must be >= 0, not -1");
    EXPECT_EQ(messageOf<mp::TypeError>([] { mp::Array('i', mp::Object(2.5)); }), "object of type 'float' has no len()");
    EXPECT_EQ(messageOf<mp::TypeError>([] { mp::Array('z', 3); }), "this type has no size");
    EXPECT_EQ(messageOf<mp::TypeError>([] {
        mp::Array('i', { 1, "x" });
    }),
        "'str' object cannot be interpreted as an integer");
}

TEST_F(SharedArrayTest, LocksFollowTheLockArgument)
{
    mp::Array sut('i', 2);
    mp::RLock given;
    mp::Array withGiven('i', 2, given);
    mp::Array unlocked('i', 2, false);

    given.acquire();
    const std::string seen = withGiven.get_lock().repr();
    given.release();

    EXPECT_EQ(sut.get_lock().repr(), "<RLock(None, 0)>");
    EXPECT_EQ(seen, "<RLock(MainProcess, 1)>");
    EXPECT_EQ(messageOf<mp::AttributeError>([&] { unlocked.get_lock(); }),
        "'c_int_Array_2' object has no attribute 'get_lock'");
}

TEST_F(SharedArrayTest, GetObjAndRawArraySeeTheSameMemory)
{
    mp::Array sut('i', 3);
    mp::RawArray raw = sut.get_obj();
    mp::RawArray direct('h', { 1, 2 });

    mp::Process child([&] {
        raw[2] = 9;
        direct.set_slice(0, 2, { 70000, -1 });
    });
    child.start();
    child.join();

    EXPECT_EQ(sut[2], 9);
    EXPECT_EQ(direct.get_slice(), mp::Object(ints({ 4464, -1 })));
}

TEST_F(SharedArrayTest, CopiesAreHandlesAndItemAssignmentCopiesValues)
{
    mp::Array sut('i', { 1, 2 });
    mp::Array copy = sut;
    mp::Array other('i', 2);

    copy[0] = 5;
    other[1] = sut[0];
    other = sut;
    other[1] = 6;

    EXPECT_EQ(sut.get_slice(), mp::Object(ints({ 5, 6 })));
}

} // namespace
