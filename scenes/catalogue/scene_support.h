// SPDX-License-Identifier: MIT
#pragma once
// Small helpers the scene bodies share: Python's print(), the listing-line marker, reading checks.

#include <mpstage/listing.h>
#include <mpstage/scene.h>

#include <mp/object.h>
#include <mp/telemetry/session.h>

#include <iostream>
#include <string>
#include <vector>

namespace mpstage::scenes {

// print(a, b, ...) as Python prints: str() of each, separated by spaces, then a newline, flushed so the
// stage shows it at once.
template <typename... Args>
void print(const Args&... args)
{
    std::string out;
    ((out += (out.empty() ? "" : " ") + mp::str(mp::Object(args))), ...);
    std::cout << out << std::endl;
}

inline void at(const Listing& listing, const char* mark) { mp::telemetry::line(listing.at(mark)); }

// "[1, 2, 3, 4]" for a Python list literal of 1..n.
std::string pythonRange(long n);

Verdict expectPrinted(const RunResult& result, const std::string& expected);
Verdict expectHang(const RunResult& result, const std::vector<std::string>& mustMention);

} // namespace mpstage::scenes
