// SPDX-License-Identifier: MIT
#pragma once
// Small helpers the scenes share: for their listings (pythonRange, pythonFloat: mpstage_scene_info) and for
// their bodies (Python's print(), the listing-line marker, reading checks: mpstage_scenes).

#include <mpstage/listing.h>
#include <mpstage/scene.h>

#include <mp/object.h>
#include <mp/telemetry/session.h>

#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace mpstage::scenes {

// print(a, b, ...) as Python prints: str() of each, separated by spaces, then a newline, flushed so the
// stage shows it at once.
template <typename... Args> void print(const Args&... args)
{
    std::string out;
    ((out += (out.empty() ? "" : " ") + mp::str(mp::Object(args))), ...);
    std::cout << out << std::endl;
}

inline void at(const Listing& listing, const char* mark)
{
    mp::telemetry::line(listing.at(mark));
}

// "[1, 2, 3, 4]" for a Python list literal of 1..n.
std::string pythonRange(long n);

Verdict expectPrinted(const RunResult& result, const std::string& expected);
Verdict expectHang(const RunResult& result, const std::vector<std::string>& mustMention);

// For checks of runs whose output varies (pids, timing, interleaving).
// The lines of a printed text, without their newlines.
std::vector<std::string> printedLines(const std::string& text);
// Not hung, not timed out, and MainProcess exited with 0; `ok` is false with the reason otherwise.
Verdict expectCompleted(const RunResult& result);
// What each actor printed, actor by actor (stdout and stderr; every actor that printed must be named). Lines
// from different processes reach allPrinted in the order their output was collected, which under load can
// differ from the order they were written in; each process's own lines keep their order.
Verdict expectPrintedBy(const RunResult& result, const std::map<std::string, std::string>& expected);
// A float as a Python listing spells it, e.g. 0.3 or 0.002 ({:g}).
std::string pythonFloat(double value);

} // namespace mpstage::scenes
