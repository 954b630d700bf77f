// SPDX-License-Identifier: MIT
#include "probe.h"

namespace mp::telemetry::probe {

namespace {
thread_local int t_quiet = 0;
}

Quiet::Quiet()
{
    ++t_quiet;
}
Quiet::~Quiet()
{
    --t_quiet;
}
bool Quiet::active()
{
    return t_quiet > 0;
}

ObjectId created(ObjectKind kind, std::int64_t parameter)
{
    if (!g_actor || Quiet::active())
        return {};
    return g_actor->newObject(kind, parameter, {});
}

} // namespace mp::telemetry::probe
