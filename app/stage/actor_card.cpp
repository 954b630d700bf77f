// SPDX-License-Identifier: MIT
#include "stage/actor_card.h"
#include "model/wording.h"

#include <mp/telemetry/wording.h>

namespace mpstage::app {

using namespace mp::telemetry;

namespace {

bool isQueue(const ObjectInfo* info)
{
    return info
        && (info->kind == ObjectKind::Queue || info->kind == ObjectKind::JoinableQueue
            || info->kind == ObjectKind::SimpleQueue);
}

ActorMood moodOf(const Actor& a)
{
    switch (a.status) {
    case ActorStatus::Running:
        return a.pausedAnywhere() ? ActorMood::Gate : ActorMood::Running;
    case ActorStatus::Blocked:
        return ActorMood::Blocked;
    case ActorStatus::AtGate:
        return ActorMood::Gate;
    case ActorStatus::Exited:
        return a.exitCode && *a.exitCode != 0 ? ActorMood::Failed : ActorMood::Done;
    }
    return ActorMood::Unknown;
}

} // namespace

QString endLabel(const World& world, ObjectId object, int end)
{
    if (isQueue(world.object(object)))
        return end == 1 ? QStringLiteral("put") : QStringLiteral("get");
    if (const std::string name = world.endName(object, end); !name.empty())
        return QString::fromStdString(name); // the program's own name for it: output_p
    return QString::number(end);
}

ActorCard actorCard(const World& world, const Actor& a, const QStringList& listing, std::uint64_t nowNs,
    const Highlights& highlights, const std::set<EndpointRef>& everHeld)
{
    ActorCard card;
    card.name = QString::fromStdString(a.name);
    card.pid = a.pid ? QStringLiteral("pid %1").arg(a.pid) : QString();
    card.mood = moodOf(a);
    card.state = QString::fromStdString(actorStateWords(world, a));
    if (a.status == ActorStatus::Running && a.pausedAnywhere())
        card.state = QStringLiteral("feeder thread paused");
    if (a.status == ActorStatus::Blocked && nowNs > a.blocked.sinceNs)
        card.since = QString::fromStdString(durationWords(nowNs - a.blocked.sinceNs));
    if (a.line > 0) {
        const QString code
            = a.line <= listing.size() ? listing[static_cast<qsizetype>(a.line - 1)].trimmed() : QString();
        card.code = QStringLiteral("line %1  %2").arg(a.line).arg(code);
    }
    if (!a.live() && a.known)
        return card; // an exited process holds nothing
    std::set<EndpointRef> shown;
    for (const EndpointRef& ref : world.endpoints().heldBy(a.id))
        shown.insert(EndpointRef { a.id, ref.object, ref.end });
    for (const EndpointRef& ref : everHeld)
        if (ref.actor == a.id)
            shown.insert(ref);
    for (const EndpointRef& ref : shown) { // ordered by object, then end
        // a pipe whose ends the program named is shown by its ends alone: [output_p] [input_p]
        if (card.chips.empty() || card.chips.back().object != ref.object)
            card.chips.push_back(ActorChip { ref.object,
                mp::telemetry::wording::endsNamed(world, ref.object)
                    ? QString()
                    : QString::fromStdString(world.objectName(ref.object)),
                {} });
        ChipEnd end;
        end.end = ref.end;
        end.label = endLabel(world, ref.object, ref.end);
        end.closed = !world.endpoints().holds(a.id, ref.object, ref.end);
        end.highlighted = highlights.endpoints.count(EndpointRef { a.id, ref.object, ref.end }) > 0;
        end.waited = highlights.waitedOn.count(EndpointRef { a.id, ref.object, ref.end }) > 0;
        card.chips.back().ends.push_back(std::move(end));
    }
    return card;
}

} // namespace mpstage::app
