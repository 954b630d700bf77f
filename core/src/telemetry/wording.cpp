// SPDX-License-Identifier: MIT
#include <mp/telemetry/wording.h>

#include <cstdio>

namespace mp::telemetry::wording {

std::string bytes(std::uint64_t n)
{
    constexpr std::uint64_t KIB = 1024;
    char buf[32];
    if (n < KIB)
        return count(n, "byte");
    if (n < KIB * KIB)
        std::snprintf(buf, sizeof buf, "%llu KiB", static_cast<unsigned long long>((n + KIB / 2) / KIB));
    else
        std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(n) / static_cast<double>(KIB * KIB));
    return buf;
}

std::string count(std::uint64_t n, std::string_view one, std::string_view many)
{
    std::string out = std::to_string(n) + " ";
    if (n == 1)
        out += one;
    else if (many.empty())
        out.append(one).append("s");
    else
        out += many;
    return out;
}

std::string call(std::string_view operation)
{
    return std::string(operation) + "()";
}

std::string list(const std::vector<std::string>& parts)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += i + 1 == parts.size() ? " and " : ", ";
        out += parts[i];
    }
    return out;
}

std::string signalName(std::int64_t signal)
{
    static constexpr const char* NAMES[] = { nullptr, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM" };
    if (signal > 0 && signal < static_cast<std::int64_t>(std::size(NAMES)))
        return NAMES[signal];
    return "signal " + std::to_string(signal);
}

std::string exitWords(std::int64_t code)
{
    if (code < 0)
        return "was killed by " + signalName(-code);
    return "exited with code " + std::to_string(code);
}

std::string doing(const World& world, const Actor& actor)
{
    switch (actor.status) {
    case ActorStatus::Exited:
        return "has exited";
    case ActorStatus::AtGate:
        return "is paused at a gate";
    case ActorStatus::Running:
        return actor.pausedAnywhere() ? "is paused at a gate" : "is running";
    case ActorStatus::Blocked:
        break;
    }
    const BlockedOn& b = actor.blocked;
    if (b.operation == "flush")
        return "is exiting and waits for its feeder thread to write what it put on " + world.objectName(b.object);
    std::string out = "waits in " + call(b.operation);
    if (b.object)
        out += " on " + waitedOn(world, actor);
    else if (b.joined)
        out += " for " + world.actorName(b.joined);
    return out;
}

ObjectKind kindOf(const World& world, ObjectId object, ObjectKind otherwise)
{
    const ObjectInfo* info = world.object(object);
    return info ? info->kind : otherwise;
}

} // namespace mp::telemetry::wording
