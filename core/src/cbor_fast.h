// SPDX-License-Identifier: MIT
#pragma once
// A direct route between mp::Object and CBOR for what travels most: None, bools, ints, floats, str, bytes, and
// lists, tuples and dicts of those, a few levels deep. nlohmann-json stays the format's reference and its
// parser the judge of anything unusual: these functions give up (false / nullopt) on whatever they do not
// handle completely (malformed, non-minimal or indefinite-length input, tags, values that raise, deep nesting)
// and pickle.cpp then runs nlohmann's encoder or parser instead. Both routes give identical bytes and values;
// tests/core/pickle_fast_path_test.cpp compares them over every CBOR major type, edge values and bad input.
// Why: building nlohmann's binary_reader costs more than decoding a small int many times over.

#include <mp/object.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace mp::detail {

// Appends obj's encoding to out and returns true, or returns false with out unspecified.
bool fastDumps(const Object& obj, std::string& out);
// Decodes data into out and returns true, or returns false with out unspecified.
bool fastLoads(std::string_view data, Object& out);

// The offset of the first byte that breaks UTF-8, or npos.
std::size_t invalidUtf8At(std::string_view s);

} // namespace mp::detail
