// SPDX-License-Identifier: MIT
#pragma once
// Messages travelling through one Pipe(), per direction. Like the connection objects of CPython's
// connection.py, a Pipe has two ends; with duplex=False end 0 only reads and end 1 only writes. A message is
// matched from send() to recv() by its index in its direction, so the order in which the two actors'
// frames arrive does not matter.

#include <mp/telemetry/ids.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace mp::telemetry {

struct PipeMessage {
    std::int64_t index = 0; // in its direction
    std::string repr;
    ActorId sender;
    ActorId receiver;
    std::uint64_t sentNs = 0;
    std::uint64_t receivedNs = 0;

    friend bool operator==(const PipeMessage&, const PipeMessage&) = default;
};

// A message part-way into the pipe: its send() blocks because the pipe is full (SendProgress).
struct PartialSend {
    ActorId sender;
    std::uint64_t held = 0; // bytes the pipe holds from this end (this message's first part, and any before it)
    std::uint64_t total = 0; // its size on the wire

    friend bool operator==(const PartialSend&, const PartialSend&) = default;
};

class PipeState {
public:
    explicit PipeState(std::size_t receivedLimit = 256);

    // Messages sent from end `from` and not yet received at the other end, oldest first.
    const std::map<std::int64_t, PipeMessage>& inFlight(int from) const { return direction(from).inFlight; }
    // The last few messages received that were sent from end `from`.
    const std::map<std::int64_t, PipeMessage>& received(int from) const { return direction(from).received; }
    std::uint64_t sentCount(int from) const { return direction(from).sent; }
    std::uint64_t receivedCount(int from) const { return direction(from).got; }
    // The message being written from end `from` whose send() blocks, if any: the bytes the pipe holds of it.
    const std::optional<PartialSend>& partial(int from) const { return direction(from).partial; }

    void sent(int end, std::int64_t index, ActorId actor, const std::string& repr, std::uint64_t timeNs);
    void receivedAt(int end, std::int64_t index, ActorId actor, const std::string& repr, std::uint64_t timeNs);
    void sending(int end, ActorId actor, std::uint64_t held, std::uint64_t total);

    friend bool operator==(const PipeState&, const PipeState&) = default;

private:
    struct Direction {
        std::map<std::int64_t, PipeMessage> inFlight;
        std::map<std::int64_t, PipeMessage> received;
        std::set<std::int64_t> receivedFirst; // received before their Send arrived
        std::uint64_t sent = 0;
        std::uint64_t got = 0;
        std::optional<PartialSend> partial;

        friend bool operator==(const Direction&, const Direction&) = default;
    };
    const Direction& direction(int from) const { return m_directions[from == 0 ? 0 : 1]; }
    void keep(Direction& d, PipeMessage message);

    std::size_t m_receivedLimit;
    std::array<Direction, 2> m_directions;
};

} // namespace mp::telemetry
