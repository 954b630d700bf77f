// SPDX-License-Identifier: MIT
#pragma once
// What a queue's call-outs and labels say: the last answer to empty(), qsize() or full() beside what the
// queue really held at that instant ("q.empty() → True, but 1 item is still in MainProcess's buffer"), and
// what a producer's feeder thread is doing. Plain C++, tested.

#include <mp/telemetry/world.h>

#include <optional>
#include <string>

namespace mpstage::app {

struct Callout {
    std::string question; // "q.empty()"
    std::string answer; // "True"
    std::string truth; // "but 1 item is still in MainProcess's buffer"
    mp::telemetry::ActorId asker;
    bool misleading = false; // the answer disagrees with what was on its way
    bool raised = false; // the answer is an exception: put() raised Full, get() raised Empty
    int times = 1; // the same call raised the same exception this many times in a row
};

std::optional<Callout> calloutFor(
    const mp::telemetry::World& world, mp::telemetry::ObjectId queue, mp::telemetry::EventType question);
// A put() that raised Full or a get() that raised Empty (a GetRaised event), beside what the queue held then:
// "q.put() → Full" with "'one more' was not put: 3 on their way, maxsize 3". `before` is the World before
// the event (it still knows the item put() gave up).
std::optional<Callout> raiseCallout(const mp::telemetry::World& before, const mp::telemetry::Event& raised);
// The same call raising the same exception again: one call-out that counts them.
bool sameRaise(const Callout& a, const Callout& b);
// "Queue()", "JoinableQueue(maxsize=3)", "SimpleQueue()"
std::string queueConstructor(const mp::telemetry::ObjectInfo& info);
// What a producer's feeder thread is doing: "idle", "writing", "paused", "pipe full", "not started"; `buffered`: items
// in this producer's buffer (an idle feeder waits on a condition, which telemetry does not report as blocking).
std::string feederWords(const mp::telemetry::Actor* actor, mp::telemetry::ObjectId queue, std::size_t buffered);
std::string itemsWords(std::size_t n); // "1 item", "3 items", "no items"

} // namespace mpstage::app
