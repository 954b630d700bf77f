// SPDX-License-Identifier: MIT
#include <mpstage/listing.h>

#include <sstream>
#include <stdexcept>

namespace mpstage {

int Listing::at(const std::string& mark) const
{
    const auto it = marks.find(mark);
    if (it == marks.end())
        throw std::out_of_range("the listing has no line marked @" + mark);
    return it->second;
}

Listing renderListing(
    std::string_view tmpl, const std::map<std::string, bool>& flags, const std::map<std::string, std::string>& vars)
{
    Listing out;
    std::istringstream in { std::string(tmpl) };
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        if (line.rfind("[+", 0) == 0 || line.rfind("[-", 0) == 0) {
            const auto close = line.find("] ");
            const std::string flag = line.substr(2, close - 2);
            const auto it = flags.find(flag);
            if (it == flags.end())
                throw std::invalid_argument("listing flag '" + flag + "' has no value");
            const bool wanted = line[1] == '+';
            if (it->second != wanted)
                continue;
            line = line.substr(close + 2);
        }
        std::string mark;
        if (const auto at = line.rfind("  @"); at != std::string::npos && line.find(' ', at + 3) == std::string::npos) {
            mark = line.substr(at + 3);
            line.erase(at);
        }
        for (const auto& [name, value] : vars) {
            const std::string key = "{" + name + "}";
            for (auto pos = line.find(key); pos != std::string::npos; pos = line.find(key, pos + value.size()))
                line.replace(pos, key.size(), value);
        }
        ++number;
        if (!mark.empty())
            out.marks[mark] = number;
        out.text += line + "\n";
    }
    return out;
}

} // namespace mpstage
