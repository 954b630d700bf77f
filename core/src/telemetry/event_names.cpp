// SPDX-License-Identifier: MIT
#include <mp/telemetry/event.h>

namespace mp::telemetry {

const char* eventTypeName(EventType type)
{
    switch (type) {
#define MP_NAME(T)                                                                                                     \
    case EventType::T:                                                                                                 \
        return #T;
        MP_NAME(RunStarted)
        MP_NAME(ActorStarted)
        MP_NAME(ActorExited)
        MP_NAME(Print)
        MP_NAME(Line)
        MP_NAME(RunEnded)
        MP_NAME(ObjectCreated)
        MP_NAME(ObjectLabel)
        MP_NAME(EndpointClosed)
        MP_NAME(PutCalled)
        MP_NAME(PutBuffered)
        MP_NAME(FeederWritten)
        MP_NAME(GetCalled)
        MP_NAME(GetReturned)
        MP_NAME(GetRaised)
        MP_NAME(EmptyAnswer)
        MP_NAME(QsizeAnswer)
        MP_NAME(FullAnswer)
        MP_NAME(TaskDone)
        MP_NAME(JoinQueue)
        MP_NAME(QueueClosed)
        MP_NAME(FeederStarted)
        MP_NAME(Send)
        MP_NAME(Recv)
        MP_NAME(Eof)
        MP_NAME(Poll)
        MP_NAME(SendProgress)
        MP_NAME(LockWanted)
        MP_NAME(LockAcquired)
        MP_NAME(LockReleased)
        MP_NAME(LockFailed)
        MP_NAME(HolderDied)
        MP_NAME(ValueRead)
        MP_NAME(ValueWritten)
        MP_NAME(Blocked)
        MP_NAME(Unblocked)
        MP_NAME(GateWaiting)
        MP_NAME(GatePassed)
        MP_NAME(Counters)
#undef MP_NAME
    }
    return nullptr;
}

bool isKnownEventType(std::uint16_t type)
{
    return eventTypeName(static_cast<EventType>(type)) != nullptr;
}

const char* objectKindName(ObjectKind kind)
{
    static constexpr const char* NAMES[] = { "?", "Queue", "JoinableQueue", "SimpleQueue", "Pipe", "Lock", "RLock",
        "Semaphore", "BoundedSemaphore", "Condition", "Event", "Barrier", "Value", "Array", "SharedMemory" };
    const auto i = static_cast<std::size_t>(kind);
    return i < sizeof NAMES / sizeof *NAMES ? NAMES[i] : "?";
}

} // namespace mp::telemetry
