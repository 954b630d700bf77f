// SPDX-License-Identifier: MIT
#include "stage/sync_context.h"

namespace mpstage::app {

Highlights highlightsFor(const std::vector<mp::telemetry::HangSentence>& hang, const mp::telemetry::World& world)
{
    using namespace mp::telemetry;
    Highlights h;
    std::set<ObjectId> heldOpen;
    for (const auto& s : hang) {
        h.actors.insert(s.actor);
        h.actors.insert(s.actors.begin(), s.actors.end());
        const Actor* blocked = world.actor(s.actor);
        for (const auto& ref : s.endpoints) {
            // The end the blocked process itself uses for the call it is stuck in is the one it waits on (a
            // queue's get() reads end 0, put() writes end 1); every other end named is held open.
            bool waited = ref.actor == s.actor && world.endpoints().lastUsedEnd(s.actor, ref.object) == ref.end;
            if (ref.actor == s.actor && blocked && blocked->blocked.object == ref.object && world.queue(ref.object))
                waited = ref.end == (blocked->blocked.operation == "put" ? 1 : 0);
            (waited ? h.waitedOn : h.endpoints).insert(ref);
            if (!waited)
                heldOpen.insert(ref.object);
        }
    }
    // An object glows unless the sentence pins it on an end held open (then that end is what is marked).
    for (const auto& s : hang)
        for (const auto& o : s.objects)
            if (!heldOpen.count(o))
                h.objects.insert(o);
    return h;
}

} // namespace mpstage::app
