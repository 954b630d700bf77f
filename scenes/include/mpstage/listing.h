// SPDX-License-Identifier: MIT
#pragma once
// A scene's Python listing, rendered for given parameters, with named line numbers the C++ body reports.
// Template lines:
//   "[+flag] code"   only when flag is true;  "[-flag] code"  only when it is false
//   "code  @mark"    records this line's number as `mark` (the " @mark" suffix is not shown)
//   "{name}"         replaced by a variable's text

#include <map>
#include <string>
#include <string_view>

namespace mpstage {

struct Listing {
    std::string text;
    std::map<std::string, int> marks;
    // The line of a mark; throws std::out_of_range naming the mark if the template has none.
    int at(const std::string& mark) const;
};

Listing renderListing(std::string_view tmpl, const std::map<std::string, bool>& flags = {},
    const std::map<std::string, std::string>& vars = {});

} // namespace mpstage
