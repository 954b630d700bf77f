// SPDX-License-Identifier: MIT
#include "value_race.h"
#include "scene_support.h"

#include <mp/process.h>
#include <mp/sharedctypes.h>
#include <mp/synchronize.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace mpstage::scenes {

void runValueIncrements(const Listing& l, long processes, long increments, bool locked)
{
    std::vector<mp::Process> started;
    at(l, "value");
    mp::Value share_value('i', 0);
    mp::telemetry::label(share_value.telemetry_id(), "share_value");
    for (long i = 0; i < processes; ++i) {
        started.emplace_back([&] {
            mp::Value& v = share_value;
            for (long n = 0; n < increments; ++n) {
                if (locked) {
                    at(l, "with");
                    mp::Guard g(v.get_lock());
                    at(l, "inc");
                    v.value += 1;
                } else {
                    at(l, "inc");
                    v.value += 1;
                }
            }
            at(l, "print");
            print(mp::current_process().name(), "data", v.repr());
        });
        at(l, "start");
        started.back().start();
    }
    for (auto& proc : started) {
        at(l, "join");
        proc.join();
    }
    at(l, "final");
    print("Final Data in parent process:", share_value.repr());
}

long printedFinalValue(const RunResult& r)
{
    const std::string prefix = "Final Data in parent process: <Synchronized wrapper for c_int(";
    const auto at = r.allPrinted.rfind(prefix);
    if (at == std::string::npos)
        return -1;
    return std::strtol(r.allPrinted.c_str() + at + prefix.size(), nullptr, 10);
}

} // namespace mpstage::scenes
