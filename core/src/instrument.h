// SPDX-License-Identifier: MIT
#pragma once
// How the engine's objects get their telemetry identity: a standalone object announces itself (and then
// reports its own events); a part of a compound object (a Queue's locks and pipe ends, a Condition's
// semaphores) borrows the compound's id and only reports what it blocks on, under the compound's name.

#include <mp/connection.h>
#include <mp/synchronize.h>

#include "actor/probe.h"

namespace mp::detail {

struct Instrument {
    static void announce(SemLock& lock, telemetry::ObjectKind kind, std::int64_t parameter)
    {
        lock.m_object = telemetry::probe::created(kind, parameter);
        lock.m_reportsLockEvents = static_cast<bool>(lock.m_object);
    }
    static void lend(SemLock& lock, telemetry::ObjectId owner, const char* blockOp)
    {
        lock.m_object = owner;
        lock.m_blockOp = blockOp;
        lock.m_reportsLockEvents = false;
    }
    static void lend(Connection& end, telemetry::ObjectId owner, int endIndex, bool reportsMessages);
    static telemetry::ObjectId id(const Connection& end);
    // Gives both ends of a Pipe the shared counters that number messages in each direction.
    static void shareCounters(Connection& a, Connection& b);
};

} // namespace mp::detail
