// SPDX-License-Identifier: MIT
#include <mp/telemetry/hang.h>

#include "hang_rules.h"
#include "object_kinds.h"
#include <mp/telemetry/wording.h>

#include <algorithm>
#include <cctype>

namespace mp::telemetry {

bool isHung(const World& world, std::uint64_t nowNs, std::uint64_t quietNs)
{
    bool anyLive = false;
    std::uint64_t lastMove = world.progressNs();
    for (const Actor* a : world.actors()) {
        if (!a->live())
            continue;
        anyLive = true;
        if (a->status != ActorStatus::Blocked || a->blocked.timed || a->pausedAnywhere())
            return false;
        // An actor that has only just blocked was running until then, even if it reported nothing.
        lastMove = std::max(lastMove, a->blocked.sinceNs);
    }
    return anyLive && nowNs >= lastMove && nowNs - lastMove >= quietNs;
}

HangSentence explainWait(const World& world, ActorId id)
{
    const Actor* a = world.actor(id);
    if (!a || !a->live() || a->status != ActorStatus::Blocked)
        return HangSentence { .actor = id };
    using Rule = std::optional<HangSentence> (*)(const World&, const Actor&);
    static constexpr Rule RULES[] = { hang::recvOnOpenPipe, hang::sendBothWays, hang::getAfterCutShortWrite,
        hang::getOnEmptyQueue, hang::putOnFullQueue, hang::joinUnfinished, hang::flushAtExit, hang::joinProcess,
        hang::acquireLock, hang::waitOnSync };
    for (const Rule rule : RULES)
        if (auto sentence = rule(world, *a))
            return std::move(*sentence);
    return hang::generic(world, *a);
}

namespace {

// `name` replaced by `with` wherever it stands as a whole name ("Process-1" but not inside "Process-12").
std::string replaceName(const std::string& text, const std::string& name, const std::string& with)
{
    std::string out;
    std::size_t from = 0;
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + name.size())) {
        const std::size_t end = at + name.size();
        if (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])))
            continue;
        out += text.substr(from, at - from) + with;
        from = end;
    }
    return out + text.substr(from);
}

std::string swapNames(const std::string& text, const std::string& a, const std::string& b)
{
    const std::string mark = "\x01";
    return replaceName(replaceName(replaceName(text, a, mark), b, a), mark, b);
}

void absorb(HangSentence& into, const HangSentence& other)
{
    auto add = [](auto& to, const auto& from) {
        for (const auto& x : from)
            if (std::find(to.begin(), to.end(), x) == to.end())
                to.push_back(x);
    };
    add(into.objects, other.objects);
    add(into.endpoints, other.endpoints);
    std::vector<ActorId> named = other.actors;
    named.push_back(other.actor);
    std::erase(named, into.actor); // the sentence's own subject is not one of the others it names
    add(into.actors, named);
}

} // namespace

std::vector<HangSentence> explainHang(const World& world, std::uint64_t nowNs, std::uint64_t quietNs)
{
    std::vector<HangSentence> out;
    if (!isHung(world, nowNs, quietNs))
        return out;
    // One cycle, one sentence: processes waiting for the same reason share a sentence ("Process-2, Process-3
    // and Process-4 wait in acquire() on ..."), and a sentence that already tells the other side of a cycle
    // ("A waits in send() while B waits in send() on its other end") is not told again from B's side.
    struct Group {
        HangSentence sentence;
        std::vector<std::string> subjects;
        std::string tail; // what follows the subject: " waits in acquire() on ..."
    };
    std::vector<Group> groups;
    for (const Actor* a : world.actors()) {
        if (!a->live())
            continue;
        HangSentence s = explainWait(world, a->id);
        if (s.text.empty())
            continue;
        const std::string subject = world.actorName(a->id);
        const std::string tail = s.text.starts_with(subject + " waits ") ? s.text.substr(subject.size()) : "";
        bool merged = false;
        for (Group& g : groups) {
            const std::string other = g.subjects.front();
            if (!tail.empty() && tail == g.tail) {
                g.subjects.push_back(subject);
                absorb(g.sentence, s);
                merged = true;
            } else if (g.subjects.size() == 1 && swapNames(s.text, subject, other) == g.sentence.text) {
                absorb(g.sentence, s);
                merged = true;
            }
            if (merged)
                break;
        }
        if (!merged)
            groups.push_back({ s, { subject }, tail });
    }
    for (Group& g : groups) {
        if (g.subjects.size() > 1) {
            std::string names;
            for (std::size_t i = 0; i < g.subjects.size(); ++i)
                names += (i == 0 ? "" : i + 1 == g.subjects.size() ? " and " : ", ") + g.subjects[i];
            g.sentence.text = names + " wait " + g.tail.substr(std::string(" waits ").size());
        }
        out.push_back(std::move(g.sentence));
    }
    return out;
}

namespace hang {

namespace {
int endFor(const World& world, ActorId actor, ObjectId object, int fixed)
{
    const ObjectInfo* info = world.object(object);
    // A queue reads at end 0 and writes at end 1, and so does a Pipe(duplex=False).
    if (info && (isQueueKind(info->kind) || (info->kind == ObjectKind::Pipe && info->parameter == 0)))
        return fixed;
    const EndpointTable& ends = world.endpoints();
    const bool holds0 = ends.holds(actor, object, 0);
    if (holds0 != ends.holds(actor, object, 1))
        return holds0 ? 0 : 1;
    const int last = ends.lastUsedEnd(actor, object);
    return last >= 0 ? last : fixed;
}
} // namespace

int readingEnd(const World& world, ActorId actor, ObjectId object)
{
    return endFor(world, actor, object, 0);
}
int sendingEnd(const World& world, ActorId actor, ObjectId object)
{
    return endFor(world, actor, object, 1);
}

std::vector<const Actor*> othersLive(const World& world, ActorId except)
{
    std::vector<const Actor*> out;
    for (const Actor* a : world.actors())
        if (a->live() && a->id != except)
            out.push_back(a);
    return out;
}

std::string nobodyWill(const World& world, ActorId except, const std::string& verb)
{
    return othersLive(world, except).empty() ? ", and no other process is left to " + verb
                                             : ", and every other process is waiting too, so nobody will " + verb;
}

bool blockedIn(const Actor& actor, const char* operation, ObjectId object)
{
    return actor.live() && actor.status == ActorStatus::Blocked && actor.blocked.operation == operation
        && actor.blocked.object == object;
}

HangSentence generic(const World& world, const Actor& a)
{
    HangSentence s { .actor = a.id };
    s.text = a.name + " " + wording::doing(world, a);
    if (a.blocked.object)
        s.objects.push_back(a.blocked.object);
    if (a.blocked.joined)
        s.actors.push_back(a.blocked.joined);
    s.text += othersLive(world, a.id).empty() ? ", and no other process is left to end the wait."
                                              : ", and every other process is waiting too.";
    return s;
}

} // namespace hang

} // namespace mp::telemetry
