// SPDX-License-Identifier: MIT
#pragma once
// What `mpstage-host explore` printed, read back: how many schedules it tried, each distinct outcome with its
// count and the schedule file that first gave it, and whether the search covered every schedule within its
// bound. Plain C++ (the report is the host's text; scenes/host/explore.cpp writes it).

#include <string>
#include <vector>

namespace mpstage::app {

struct ExploreOutcome {
    bool bad = false;
    int count = 0;
    std::string words; // "the final value is 1, not 2"
    int grants = 0; // steps in its first schedule
    std::string file; // where that schedule was saved
};

struct ExploreReport {
    bool read = false; // the report's "Tried N schedules" line was there
    bool stopped = false;
    bool complete = false; // every schedule within the bound was tried
    int tried = 0;
    std::vector<ExploreOutcome> outcomes; // bad ones first, as the host sorts them
    const ExploreOutcome* firstBad() const; // the first bad outcome listed (nullptr: none)
    int badCount() const;
};

ExploreReport readExploreReport(const std::string& text);

} // namespace mpstage::app
