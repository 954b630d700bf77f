// SPDX-License-Identifier: MIT
// Array and RawArray: sharing with children, items, slices, 'c' arrays' value/raw (CPython items 57-59).
#include <mp/errors.h>
#include <mp/process.h>
#include <mp/sharedctypes.h>

#include "leftovers.h"
#include "raises.h"

#include <numeric>
#include <optional>
#include <regex>
#include <string>
#include <tuple>
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

// a = Array('i', range(8)) (or RawArray): a[::2], a[1:5:2], a[::-1], a[5:1:-2], a[-100:100:3], a[100:-100:-3],
// a[3:3:2], a[5:1:2] in CPython 3.11.
template <typename A> void expectSteppedSlices()
{
    A sut('i', { 0, 1, 2, 3, 4, 5, 6, 7 });

    EXPECT_EQ(sut.get_slice({ .step = 2 }), mp::Object(ints({ 0, 2, 4, 6 })));
    EXPECT_EQ(sut.get_slice({ 1, 5, 2 }), mp::Object(ints({ 1, 3 })));
    EXPECT_EQ(sut.get_slice({ .step = -1 }), mp::Object(ints({ 7, 6, 5, 4, 3, 2, 1, 0 })));
    EXPECT_EQ(sut.get_slice({ 5, 1, -2 }), mp::Object(ints({ 5, 3 })));
    EXPECT_EQ(sut.get_slice({ -100, 100, 3 }), mp::Object(ints({ 0, 3, 6 })));
    EXPECT_EQ(sut.get_slice({ 100, -100, -3 }), mp::Object(ints({ 7, 4, 1 })));
    EXPECT_EQ(sut.get_slice({ 3, 3, 2 }), mp::Object(mp::list {}));
    EXPECT_EQ(sut.get_slice({ 5, 1, 2 }), mp::Object(mp::list {}));
    EXPECT_EQ(sut.get_slice({ 1, 3 }), sut.get_slice(1, 3));
}

TEST_F(SharedArrayTest, SteppedSlicesFollowPython)
{
    expectSteppedSlices<mp::Array>();
    expectSteppedSlices<mp::RawArray>();
}

// a[::2] = [10, 20, 30, 40]; a[::-3] = [7, 8, 9]; a[1::3] = (5, 6, 7) on range(8).
template <typename A> void expectSteppedAssignment()
{
    A sut('i', { 0, 1, 2, 3, 4, 5, 6, 7 });

    sut.set_slice({ .step = 2 }, { 10, 20, 30, 40 });
    EXPECT_EQ(sut.get_slice(), mp::Object(ints({ 10, 1, 20, 3, 30, 5, 40, 7 })));
    sut.set_slice({ .step = -3 }, { 7, 8, 9 });
    EXPECT_EQ(sut.get_slice(), mp::Object(ints({ 10, 9, 20, 3, 8, 5, 40, 7 })));
    sut.set_slice({ 1, std::nullopt, 3 }, mp::tuple { 5, 6, 7 });
    EXPECT_EQ(sut.get_slice(), mp::Object(ints({ 10, 5, 20, 3, 6, 5, 40, 7 })));
}

TEST_F(SharedArrayTest, SteppedSliceAssignmentWritesEveryStepthItem)
{
    expectSteppedAssignment<mp::Array>();
    expectSteppedAssignment<mp::RawArray>();
}

// a = Array('i', 8); a[::2] = [1]: ValueError('Can only assign sequence of same size'), the same words from the
// SynchronizedArray and from the raw c_int_Array_8 (ctypes raises it, the wrapper passes it on); a step of 0
// raises before any length is compared, and a[::2] = [1, 'x', 3, 4] stores the 1 before the TypeError.
template <typename A> void expectSteppedSliceErrors()
{
    A sut('i', 8);
    constexpr const char* sameSize = "Can only assign sequence of same size";

    EXPECT_EQ(messageOf<mp::ValueError>([&] { sut.set_slice({ .step = 2 }, { 1 }); }), sameSize);
    EXPECT_EQ(messageOf<mp::ValueError>([&] { sut.set_slice({ .step = 2 }, { 1, 2, 3, 4, 5 }); }), sameSize);
    EXPECT_EQ(messageOf<mp::ValueError>([&] { sut.set_slice({ .step = -1 }, { 1 }); }), sameSize);
    EXPECT_EQ(messageOf<mp::ValueError>([&] { sut.set_slice({ .step = 2 }, 5); }), sameSize);
    EXPECT_EQ(messageOf<mp::ValueError>([&] { sut.set_slice({ .step = 2 }, "ab"); }), sameSize);
    EXPECT_EQ(messageOf<mp::ValueError>([&] { sut.get_slice({ .step = 0 }); }), "slice step cannot be zero");
    EXPECT_EQ(messageOf<mp::ValueError>([&] { sut.set_slice({ .step = 0 }, { 1 }); }), "slice step cannot be zero");
    EXPECT_EQ(messageOf<mp::TypeError>([&] {
        sut.set_slice({ .step = 2 }, { 1, "x", 3, 4 });
    }),
        "'str' object cannot be interpreted as an integer");
    EXPECT_EQ(sut.get_slice(), mp::Object(ints({ 1, 0, 0, 0, 0, 0, 0, 0 })));
}

TEST_F(SharedArrayTest, SteppedSliceErrorsAreCtypesErrors)
{
    expectSteppedSliceErrors<mp::Array>();
    expectSteppedSliceErrors<mp::RawArray>();
}

// c = Array('c', b'abcdef'), u = Array('u', 'héllo!'): c[::2] b'ace', c[::-1] b'fedcba', c[4:0:-2] b'ec',
// u[::2] 'hlo', u[::-1] '!olléh', u[5:1:-2] '!l'; c[::2] = b'XYZ' gives b'XbYdZf', u[::-2] = 'XYZ' gives 'hZlYoX'.
template <typename A> void expectSteppedCharSlices()
{
    A c('c', mp::Bytes("abcdef"));
    A u('u', "h\xc3\xa9llo!");

    EXPECT_EQ(c.get_slice({ .step = 2 }), mp::Object(mp::Bytes("ace")));
    EXPECT_EQ(c.get_slice({ .step = -1 }), mp::Object(mp::Bytes("fedcba")));
    EXPECT_EQ(c.get_slice({ 4, 0, -2 }), mp::Object(mp::Bytes("ec")));
    EXPECT_EQ(c.get_slice({ 1, 1, 2 }), mp::Object(mp::Bytes("")));
    EXPECT_EQ(u.get_slice({ .step = 2 }), mp::Object("hlo"));
    EXPECT_EQ(u.get_slice({ .step = -1 }), mp::Object("!oll\xc3\xa9h"));
    EXPECT_EQ(u.get_slice({ 5, 1, -2 }), mp::Object("!l"));
    EXPECT_EQ(u.get_slice({ 3, 1, 1 }), mp::Object(""));

    c.set_slice({ .step = 2 }, mp::Bytes("XYZ"));
    EXPECT_EQ(c.get_slice(), mp::Object(mp::Bytes("XbYdZf")));
    u.set_slice({ .step = -2 }, "XYZ");
    EXPECT_EQ(u.get_slice(), mp::Object("hZlYoX"));
    // c[::2] = 'XYZ' and u[::2] = b'XYZ': the items are of the wrong type for the array.
    EXPECT_EQ(messageOf<mp::TypeError>([&] { c.set_slice({ .step = 2 }, "XYZ"); }),
        "one character bytes, bytearray or integer expected");
    EXPECT_EQ(messageOf<mp::TypeError>([&] { u.set_slice({ .step = 2 }, mp::Bytes("XYZ")); }),
        "unicode string expected instead of int instance");
}

TEST_F(SharedArrayTest, SteppedSlicesOfCharArraysAreBytesAndOfWideCharArraysStr)
{
    expectSteppedCharSlices<mp::Array>();
    expectSteppedCharSlices<mp::RawArray>();
}

// slice(...).indices(8) in CPython: the bounds after clamping, and how many items they pick.
TEST_F(SharedArrayTest, SliceIndicesAreSliceDotIndices)
{
    using Indices = std::tuple<std::int64_t, std::int64_t, std::int64_t>;

    EXPECT_EQ((mp::slice {}.indices(8)), (Indices { 0, 8, 1 }));
    EXPECT_EQ((mp::slice { .step = -1 }.indices(8)), (Indices { 7, -1, -1 }));
    EXPECT_EQ((mp::slice { -100, 100, 3 }.indices(8)), (Indices { 0, 8, 3 }));
    EXPECT_EQ((mp::slice { 100, -100, -3 }.indices(8)), (Indices { 7, -1, -3 }));
    EXPECT_EQ((mp::slice { -3, std::nullopt, std::nullopt }.indices(8)), (Indices { 5, 8, 1 }));
    EXPECT_EQ((mp::slice { .step = -1 }.indices(0)), (Indices { -1, -1, -1 }));
    EXPECT_EQ((mp::slice { 5, 1, -2 }.length(8)), 2u);
    EXPECT_EQ((mp::slice { 5, 1, 2 }.length(8)), 0u);
    EXPECT_EQ(messageOf<mp::ValueError>([] { mp::slice { .step = 0 }.indices(8); }), "slice step cannot be zero");
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

// s = a.value; a.value = b'xy'; s is still b'abc'. x = ints.value on an int array raises AttributeError.
TEST_F(SharedArrayTest, AutoFromACharArraysValueHoldsTheBytesRead)
{
    mp::Array sut('c', mp::Bytes("abc"));

    auto s = sut.value;
    auto r = sut.raw;
    sut.value = mp::Bytes("xy");

    EXPECT_EQ(s, mp::Bytes("abc"));
    EXPECT_EQ(r.get(), mp::Bytes("abc"));
    EXPECT_EQ(sut.raw, mp::Bytes(std::string("xy\0", 3))); // .value ends with a NUL where there is room
    s = mp::Bytes("q");
    EXPECT_EQ(s, mp::Bytes("q"));
    EXPECT_EQ(sut.value, mp::Bytes("xy"));
    EXPECT_EQ(messageOf<mp::TypeError>([&] { s = 5; }), "bytes expected instead of int instance");
    EXPECT_EQ(messageOf<mp::AttributeError>([] {
        mp::Array ints('i', 3);
        [[maybe_unused]] auto v = ints.value;
    }),
        "'SynchronizedArray' object has no attribute 'value'");
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
