// SPDX-License-Identifier: MIT
#pragma once
// Strong ids for what telemetry talks about, so an actor id cannot be passed where an object id is meant.

#include <compare>
#include <cstdint>
#include <functional>

namespace mp::telemetry {

template <typename Tag, typename Rep> struct StrongId {
    Rep value = 0;
    constexpr explicit operator bool() const { return value != 0; }
    friend constexpr auto operator<=>(StrongId, StrongId) = default;
};

// Actors are numbered from 1 in the order they start; 0 means "no actor" (the host).
using ActorId = StrongId<struct ActorTag, std::uint32_t>;
// Objects (queues, pipes, locks, values...) are numbered from 1 across the whole run.
using ObjectId = StrongId<struct ObjectTag, std::uint32_t>;
// Items put on a queue or sent down a pipe: (actor << 40) | per-actor counter, unique without coordination.
using ItemId = StrongId<struct ItemTag, std::uint64_t>;

} // namespace mp::telemetry

template <typename Tag, typename Rep> struct std::hash<mp::telemetry::StrongId<Tag, Rep>> {
    std::size_t operator()(mp::telemetry::StrongId<Tag, Rep> id) const noexcept { return std::hash<Rep> {}(id.value); }
};
