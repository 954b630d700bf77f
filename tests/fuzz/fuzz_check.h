// SPDX-License-Identifier: MIT
#pragma once
// What a fuzz target asserts. A broken property aborts, so libFuzzer saves the input as a crash and the
// corpus replay test fails with the message.

#include <cstdio>
#include <cstdlib>
#include <string>

namespace mpfuzz {

inline void require(bool ok, const std::string& what)
{
    if (ok)
        return;
    std::fprintf(stderr, "fuzz property broken: %s\n", what.c_str());
    std::abort();
}

} // namespace mpfuzz
