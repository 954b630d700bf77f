// SPDX-License-Identifier: MIT
#pragma once
// What a process box says, computed from the World: name, pid, state in words, the listing line it is at,
// and one chip per pipe or queue end it holds or has closed. Plain data, so it can be tested without a
// scene.

#include "stage/actor_figure.h"
#include "stage/sync_context.h"

#include <QStringList>

#include <set>

namespace mpstage::app {

// The label of one end in a process's chip: a queue's pipe ends are "put" (the write end its feeder
// threads use) and "get"; a Pipe's are "0" and "1", as Pipe() returns them.
QString endLabel(const mp::telemetry::World& world, mp::telemetry::ObjectId object, int end);

ActorCard actorCard(const mp::telemetry::World& world, const mp::telemetry::Actor& actor, const QStringList& listing,
    std::uint64_t nowNs, const Highlights& highlights, const std::set<mp::telemetry::EndpointRef>& everHeld);

} // namespace mpstage::app
