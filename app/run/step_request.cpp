// SPDX-License-Identifier: MIT
#include "run/step_request.h"

namespace mpstage::app {

using namespace mp::telemetry;

const Actor* StepRequest::chosen(const World& world) const
{
    const Actor* out = nullptr;
    if (m_actor == ANY_ACTOR) {
        for (const Actor* a : world.actors())
            if (a->live() && a->pausedAnywhere() && (!out || a->gate.sinceNs < out->gate.sinceNs))
                out = a;
    } else if (const Actor* a = world.actor(ActorId { m_actor }); a && a->live()) {
        out = a;
    }
    return out;
}

} // namespace mpstage::app
