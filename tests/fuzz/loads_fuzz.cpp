// SPDX-License-Identifier: MIT
// Fuzz target: mp::loads, the object decoder every recv() and get() runs over bytes from another process.
// Properties, beyond "no crash": anything it accepts is a plain value that dumps() can write again (valid
// UTF-8 strings, Python-style dicts with unique keys, nesting dumps() allows), and dumps -> loads -> dumps
// reproduces the same bytes. Anything it refuses raises UnpicklingError: never another exception type.
#include <mp/errors.h>
#include <mp/pickle.h>

#include "fuzz_check.h"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace {

// Python's dict cannot hold a key twice; a decoded one must not either.
bool keysUnique(const mp::Object& o)
{
    if (o.is_dict()) {
        std::set<std::string> seen;
        for (const auto& [k, v] : o.as_dict())
            if (!seen.insert(k).second || !keysUnique(v))
                return false;
    } else if (o.is_list()) {
        for (const auto& v : o.as_list())
            if (!keysUnique(v))
                return false;
    } else if (o.is_tuple()) {
        for (const auto& v : o.as_tuple())
            if (!keysUnique(v))
                return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using mpfuzz::require;
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    mp::Object sut;
    try {
        sut = mp::loads(in);
    } catch (const mp::UnpicklingError& e) {
        require(std::string(e.what()).size() > 0, "an UnpicklingError without a message");
        return 0;
    }
    require(keysUnique(sut), "loads() built a dict with a repeated key");
    std::string again;
    try {
        again = mp::dumps(sut);
    } catch (const mp::Error& e) {
        require(
            false, std::string("loads() accepted what dumps() cannot write back: ") + e.type_name() + ": " + e.what());
    }
    const mp::Object back = mp::loads(again);
    require(mp::dumps(back) == again, "dumps(loads(dumps(x))) differs from dumps(x)");
    (void)mp::repr(sut);
    return 0;
}
