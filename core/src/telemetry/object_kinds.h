// SPDX-License-Identifier: MIT
#pragma once
// Families of object kinds, as the World and its readers group them.

#include <mp/telemetry/event.h>

namespace mp::telemetry {

inline bool isQueueKind(ObjectKind k)
{
    return k == ObjectKind::Queue || k == ObjectKind::JoinableQueue || k == ObjectKind::SimpleQueue;
}

inline bool isLockKind(ObjectKind k)
{
    return k == ObjectKind::Lock || k == ObjectKind::RLock || k == ObjectKind::Semaphore
        || k == ObjectKind::BoundedSemaphore;
}

} // namespace mp::telemetry
