// SPDX-License-Identifier: MIT
#pragma once
// How an mp::Object becomes bytes on a pipe and back. The encoding is standard CBOR (RFC 8949) written and
// read by nlohmann-json; tuples and dicts travel as one-key maps {"t": [...]} and {"d": {...}} so that they
// stay distinct from lists. Decoding builds plain values only: nothing in the data can run code.

#include <mp/object.h>

#include <string>
#include <string_view>

namespace mp {

// Raises UnicodeEncodeError for a str that is not UTF-8, RecursionError past MAX_DEPTH levels of nesting.
std::string dumps(const Object& obj);
// Raises UnpicklingError, naming the byte offset, for anything that is not a complete encoded Object.
Object loads(std::string_view data);

inline constexpr int MAX_DEPTH = 1000;

namespace detail {
// nlohmann-json alone, the reference: dumps() and loads() take a faster direct route for common values and
// must agree with these byte for byte and value for value (tests/core/pickle_fast_path_test.cpp).
std::string dumpsReference(const Object& obj);
Object loadsReference(std::string_view data);
} // namespace detail

} // namespace mp
