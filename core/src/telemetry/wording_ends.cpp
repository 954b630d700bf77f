// SPDX-License-Identifier: MIT
// The ends of a pipe in words: by the names the program gives them (`output_p, input_p = Pipe()`), which a
// student reads in the listing, or by number in a stream that names none.
#include <mp/telemetry/wording.h>

namespace mp::telemetry::wording {

std::string pipeEnd(const World& world, ObjectId pipe, int end)
{
    std::string name = world.endName(pipe, end);
    return name.empty() ? "end " + std::to_string(end) : name;
}

bool endsNamed(const World& world, ObjectId pipe)
{
    return !world.endName(pipe, 0).empty() && !world.endName(pipe, 1).empty();
}

int endInUse(const World& world, ActorId actor, ObjectId pipe, bool reading)
{
    const ObjectInfo* info = world.object(pipe);
    if (!info || info->kind != ObjectKind::Pipe)
        return -1;
    if (info->parameter == 0) // Pipe(duplex=False): end 0 reads, end 1 writes
        return reading ? 0 : 1;
    const EndpointTable& ends = world.endpoints();
    const bool holds0 = ends.holds(actor, pipe, 0);
    if (holds0 != ends.holds(actor, pipe, 1))
        return holds0 ? 0 : 1;
    return ends.lastUsedEnd(actor, pipe);
}

std::string waitedOn(const World& world, const Actor& actor)
{
    return waitedOn(world, actor.id, actor.blocked.object, actor.blocked.operation);
}

std::string waitedOn(const World& world, ActorId actor, ObjectId object, std::string_view operation)
{
    const bool reads = operation == "recv" || operation == "poll";
    if ((reads || operation == "send") && endsNamed(world, object))
        if (const int end = endInUse(world, actor, object, reads); end >= 0)
            return world.endName(object, end);
    return world.objectName(object);
}

} // namespace mp::telemetry::wording
