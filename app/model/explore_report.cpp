// SPDX-License-Identifier: MIT
#include "model/explore_report.h"

#include <cstdio>
#include <sstream>

namespace mpstage::app {

const ExploreOutcome* ExploreReport::firstBad() const
{
    for (const ExploreOutcome& o : outcomes)
        if (o.bad)
            return &o;
    return nullptr;
}

int ExploreReport::badCount() const
{
    int n = 0;
    for (const ExploreOutcome& o : outcomes)
        n += o.bad ? o.count : 0;
    return n;
}

ExploreReport readExploreReport(const std::string& text)
{
    ExploreReport r;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::string_view l = line;
        if (l.starts_with("Stopped. ")) {
            r.stopped = true;
            l.remove_prefix(9);
        }
        if (l.starts_with("Tried ")) {
            r.read = std::sscanf(std::string(l).c_str(), "Tried %d", &r.tried) == 1;
            r.complete = l.find(": every schedule within the bound") != std::string_view::npos;
            continue;
        }
        // "  bad  6 of 33 (18.2%)  the final value is 1"
        const bool bad = l.starts_with("  bad ");
        if (bad || l.starts_with("  good ")) {
            ExploreOutcome o;
            o.bad = bad;
            int of = 0;
            if (std::sscanf(std::string(l.substr(bad ? 6 : 7)).c_str(), "%d of %d", &o.count, &of) != 2)
                continue;
            if (const auto close = l.find(")  "); close != std::string_view::npos)
                o.words = std::string(l.substr(close + 3));
            r.outcomes.push_back(o);
            continue;
        }
        // "       first: schedule 3 (1 preemption, 12 grants), saved as DIR/value-increment-1.schedule"
        if (const auto first = l.find("first: schedule "); first != std::string_view::npos && !r.outcomes.empty()) {
            if (const auto comma = l.find(", ", first); comma != std::string_view::npos)
                std::sscanf(std::string(l.substr(comma + 2)).c_str(), "%d grant", &r.outcomes.back().grants);
            if (const auto as = l.find("saved as "); as != std::string_view::npos)
                r.outcomes.back().file = std::string(l.substr(as + 9));
        }
    }
    return r;
}

} // namespace mpstage::app
