// SPDX-License-Identifier: MIT
#pragma once
// The message an expected exception carries, for tests that check CPython's exact words.

#include <string>

namespace mptest {

// What fn() raised as E (its what()), or "<nothing raised>".
template <typename E, typename Fn> std::string messageOf(Fn&& fn)
{
    try {
        fn();
    } catch (const E& e) {
        return e.what();
    }
    return "<nothing raised>";
}

} // namespace mptest
