// SPDX-License-Identifier: MIT
// Hang rules for pipes: a reader that can never see end-of-file, and two writers that fill a pipe each
// while neither reads (connection.py; pipe(7): EOF comes only once every write end is closed).
#include "hang_rules.h"
#include <mp/telemetry/wording.h>

namespace mp::telemetry::hang {

namespace {
bool isSimplexPipe(const World& world, ObjectId object)
{
    const ObjectInfo* info = world.object(object);
    return info && info->kind == ObjectKind::Pipe && info->parameter == 0;
}

// The end the actor reads (or writes) when the program named both ends and the stream says which end; else -1.
int namedEnd(const World& world, ActorId actor, ObjectId pipe, bool reading)
{
    return wording::endsNamed(world, pipe) ? wording::endInUse(world, actor, pipe, reading) : -1;
}
} // namespace

std::optional<HangSentence> recvOnOpenPipe(const World& world, const Actor& a)
{
    const ObjectId pipe = a.blocked.object;
    if (a.blocked.operation != "recv" || !world.endpoints().hasEnds(pipe))
        return std::nullopt;
    const int reading = readingEnd(world, a.id, pipe);
    const int other = 1 - reading;
    const std::vector<ActorId>& holders = world.endpoints().holders(pipe, other);
    if (holders.empty())
        return std::nullopt; // EOF is on its way: not this rule's story
    HangSentence s { .actor = a.id, .objects = { pipe } };
    s.endpoints.push_back(EndpointRef { a.id, pipe, reading });
    std::vector<std::string> where;
    for (const ActorId h : holders)
        if (h == a.id) { // the waiter first: the part students miss
            where.push_back("in " + a.name + " itself");
            s.endpoints.push_back(EndpointRef { h, pipe, other });
        }
    for (const ActorId h : holders)
        if (h != a.id) {
            where.push_back("in " + world.actorName(h));
            s.endpoints.push_back(EndpointRef { h, pipe, other });
            s.actors.push_back(h);
        }
    const std::string name = world.objectName(pipe);
    const std::string end = isSimplexPipe(world, pipe) ? "the write end" : "the other end";
    if (namedEnd(world, a.id, pipe, true) == reading) { // "on output_p, but the other end, input_p, is ..."
        s.text = a.name + " waits in recv() on " + world.endName(pipe, reading) + ", but " + end + ", "
            + world.endName(pipe, other) + ", is still open " + wording::list(where)
            + ", so end-of-file can never arrive.";
        return s;
    }
    s.text = a.name + " waits in recv() on " + name + ", but " + end + " of " + name + " is still open "
        + wording::list(where) + ", so end-of-file can never arrive.";
    return s;
}

namespace {
// " (208 KiB from MainProcess and 212 KiB from Process-1 are in it)", when both blocked sends said how much.
std::string heldBothWays(const World& world, ObjectId pipe, const Actor& a, const Actor& b, int mine, int theirs)
{
    const PipeState* p = world.pipe(pipe);
    const auto& ours = p->partial(mine);
    const auto& others = p->partial(theirs);
    if (!ours || !others || ours->sender != a.id || others->sender != b.id)
        return {};
    return " (" + wording::bytes(ours->held) + " from " + a.name + " and " + wording::bytes(others->held) + " from "
        + b.name + " are in it)";
}
} // namespace

std::optional<HangSentence> sendBothWays(const World& world, const Actor& a)
{
    const ObjectId pipe = a.blocked.object;
    if (a.blocked.operation != "send" || !world.pipe(pipe))
        return std::nullopt;
    const int mine = sendingEnd(world, a.id, pipe);
    const std::string name = world.objectName(pipe);
    HangSentence s { .actor = a.id, .objects = { pipe }, .endpoints = { EndpointRef { a.id, pipe, mine } } };
    for (const Actor* b : othersLive(world, a.id)) {
        if (!blockedIn(*b, "send", pipe))
            continue;
        const int theirs = sendingEnd(world, b->id, pipe);
        if (theirs == mine)
            continue;
        s.endpoints.push_back(EndpointRef { b->id, pipe, theirs });
        s.actors.push_back(b->id);
        const bool named = namedEnd(world, a.id, pipe, false) == mine && namedEnd(world, b->id, pipe, false) == theirs;
        const std::string held = heldBothWays(world, pipe, a, *b, mine, theirs);
        if ((named || !held.empty()) && b->id.value < a.id.value)
            return HangSentence { .actor = a.id }; // one cycle, one sentence: b's tells it, naming a
        s.text = a.name + " waits in send() on " + (named ? world.endName(pipe, mine) : name) + " while " + b->name
            + " waits in send() on "
            + (named ? world.endName(pipe, theirs) + ", the other end" : std::string("its other end"))
            + ": each writes more than the pipe can hold" + held
            + " while the other is not reading, so neither ever gets to recv().";
        return s;
    }
    std::vector<std::string> readers;
    for (const ActorId r : world.endpoints().holders(pipe, 1 - mine))
        if (const Actor* reader = world.actor(r); reader && r != a.id && reader->live()) {
            readers.push_back(reader->name + " (which " + wording::doing(world, *reader) + ")");
            s.actors.push_back(r);
            s.endpoints.push_back(EndpointRef { r, pipe, 1 - mine });
        }
    if (readers.empty())
        return std::nullopt;
    if (namedEnd(world, a.id, pipe, false) == mine) { // "on input_p, which is full, and nobody reads output_p"
        s.text = a.name + " waits in send() on " + world.endName(pipe, mine)
            + ", which is full, and nobody reads the other end, " + world.endName(pipe, 1 - mine) + ": it is held by "
            + wording::list(readers) + ".";
        return s;
    }
    s.text = a.name + " waits in send() on " + name + ", which is full, and nobody reads the other end: it is held by "
        + wording::list(readers) + ".";
    return s;
}

} // namespace mp::telemetry::hang
