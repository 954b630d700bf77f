// SPDX-License-Identifier: MIT
// What a Value or Array tells the stage: that it exists (and which lock guards it), every read with the
// version it saw, every write with the version it made. A `v.value += 1` whose write version is not its read
// version + 1 overwrote someone else's update: the World counts those as lost.

#include "actor/probe.h"
#include "shared_block.h"
#include "sharedctypes_detail.h"

#include <algorithm>
#include <new>

namespace mp::detail {

namespace probe = telemetry::probe;

void announceCtype(CtypeObject& obj)
{
    if (!probe::on() || probe::Quiet::active())
        return;
    const telemetry::ObjectId lockId = obj.lock ? obj.lock->semlock().telemetry_id() : telemetry::ObjectId {};
    const auto kind = obj.isArray ? telemetry::ObjectKind::Array : telemetry::ObjectKind::Value;
    // ObjectCreated.b of a Value/Array is the id of its lock (0 without one).
    std::string label; // "counter" (as the program names it), or "value#4"
    obj.object = telemetry::g_actor->newObject(kind, lockId.value, {}, &label);
    // One write counter per cell, so that updates of different cells never look like lost ones.
    obj.versionBlock = SharedBlock::create(sizeof(std::atomic<std::uint64_t>) * std::max<std::size_t>(obj.length, 1));
    obj.version = new (obj.versionBlock->data()) std::atomic<std::uint64_t>[std::max<std::size_t>(obj.length, 1)];
    // Its lock is told by the name a program reaches it by, "counter.get_lock()", else "lock of value#4".
    const std::string unnamed = std::string(obj.isArray ? "array#" : "value#") + std::to_string(obj.object.value);
    if (lockId)
        telemetry::label(lockId, label == unnamed ? "lock of " + unnamed : label + ".get_lock()");
    for (std::size_t i = 0; i < obj.length && i < 64; ++i) // the initial contents, as version 0
        probe::event(telemetry::EventType::ValueWritten, obj.object, static_cast<std::int64_t>(i), 0,
            repr(loadElement(*obj.info, obj.at(i))));
}

void reportRead(const CtypeObject& obj, std::size_t index, const Object& seen)
{
    probe::event(telemetry::EventType::ValueRead, obj.object, static_cast<std::int64_t>(index),
        static_cast<std::int64_t>(obj.version[index].load()), probe::reprIfFull(seen));
}

void reportWrite(const CtypeObject& obj, std::size_t index, const Object& old, const Object& now)
{
    const std::uint64_t version = obj.version[index].fetch_add(1) + 1;
    probe::event(telemetry::EventType::ValueWritten, obj.object, static_cast<std::int64_t>(index),
        static_cast<std::int64_t>(version), probe::reprIfFull(now), {}, probe::reprIfFull(old));
}

} // namespace mp::detail
