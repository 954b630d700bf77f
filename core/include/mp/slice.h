// SPDX-License-Identifier: MIT
#pragma once
// Python's slice object: a[start:stop:step] is a.get_slice({start, stop, step}), and an empty bound is
// std::nullopt, as None is in Python: a[::2] is a.get_slice({.step = 2}), a[::-1] is
// a.get_slice({.step = -1}), a[5:1:-2] is a.get_slice({5, 1, -2}). indices() is slice.indices(): the bounds a
// sequence of that length walks, clamped as Python clamps them (out-of-range bounds never raise).

#include <mp/errors.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <tuple>

namespace mp {

struct slice {
    std::optional<std::int64_t> start;
    std::optional<std::int64_t> stop;
    std::optional<std::int64_t> step;

    // slice(start, stop, step).indices(length) -> (start, stop, step). A step of 0 raises
    // ValueError('slice step cannot be zero'), as it does in Python before any length is looked at.
    std::tuple<std::int64_t, std::int64_t, std::int64_t> indices(std::size_t length) const
    {
        constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
        std::int64_t s = step.value_or(1);
        if (s == 0)
            throw ValueError("slice step cannot be zero");
        s = std::max(s, -max); // PySlice_Unpack: -step must not overflow
        const auto n = static_cast<std::int64_t>(std::min<std::size_t>(length, static_cast<std::size_t>(max)));
        // PySlice_AdjustIndices: a negative bound counts from the end, then clamps to [lower, upper].
        const std::int64_t lower = s < 0 ? -1 : 0;
        const std::int64_t upper = s < 0 ? n - 1 : n;
        auto adjust = [&](std::optional<std::int64_t> bound, std::int64_t absent) {
            if (!bound)
                return absent;
            std::int64_t i = *bound;
            if (i < 0)
                return std::max(i + n, lower);
            return std::min(i, upper);
        };
        return { adjust(start, s < 0 ? upper : lower), adjust(stop, s < 0 ? lower : upper), s };
    }

    // len(range(*self.indices(length))): how many items the slice picks.
    std::size_t length(std::size_t sequenceLength) const
    {
        const auto [from, to, s] = indices(sequenceLength);
        if (s > 0)
            return from < to ? static_cast<std::size_t>((to - from - 1) / s + 1) : 0;
        return to < from ? static_cast<std::size_t>((from - to - 1) / -s + 1) : 0;
    }

    friend bool operator==(const slice&, const slice&) = default;
};

} // namespace mp
