// SPDX-License-Identifier: MIT
#include <mp/telemetry/world_pipe.h>

#include <algorithm>

namespace mp::telemetry {

namespace {
constexpr std::size_t RECEIVED_FIRST_LIMIT = 4096;
}

PipeState::PipeState(std::size_t receivedLimit)
    : m_receivedLimit(std::max<std::size_t>(receivedLimit, 1))
{
}

void PipeState::keep(Direction& d, PipeMessage message)
{
    const std::int64_t index = message.index;
    d.received.insert_or_assign(index, std::move(message));
    while (d.received.size() > m_receivedLimit)
        d.received.erase(d.received.begin());
}

void PipeState::sent(int end, std::int64_t index, ActorId actor, const std::string& repr, std::uint64_t timeNs)
{
    Direction& d = m_directions[end == 0 ? 0 : 1];
    ++d.sent;
    if (d.partial && d.partial->sender == actor)
        d.partial.reset(); // the message is all in the pipe now

    if (d.receivedFirst.erase(index)) { // the receiver's frame came first: complete its record
        if (const auto it = d.received.find(index); it != d.received.end()) {
            it->second.sender = actor;
            it->second.sentNs = timeNs;
            if (it->second.repr.empty())
                it->second.repr = repr;
        }
        return;
    }
    d.inFlight.insert_or_assign(index, PipeMessage { .index = index, .repr = repr, .sender = actor, .sentNs = timeNs });
}

void PipeState::sending(int end, ActorId actor, std::uint64_t held, std::uint64_t total)
{
    m_directions[end == 0 ? 0 : 1].partial = PartialSend { .sender = actor, .held = held, .total = total };
}

void PipeState::receivedAt(int end, std::int64_t index, ActorId actor, const std::string& repr, std::uint64_t timeNs)
{
    Direction& d = m_directions[end == 0 ? 1 : 0]; // what end 0 receives was sent from end 1
    ++d.got;
    const auto it = d.inFlight.find(index);
    if (it == d.inFlight.end()) {
        d.receivedFirst.insert(index);
        if (d.receivedFirst.size() > RECEIVED_FIRST_LIMIT)
            d.receivedFirst.erase(d.receivedFirst.begin());
        keep(d, PipeMessage { .index = index, .repr = repr, .receiver = actor, .receivedNs = timeNs });
        return;
    }
    PipeMessage message = std::move(it->second);
    d.inFlight.erase(it);
    message.receiver = actor;
    message.receivedNs = timeNs;
    if (message.repr.empty())
        message.repr = repr;
    keep(d, std::move(message));
}

} // namespace mp::telemetry
