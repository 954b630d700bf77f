// SPDX-License-Identifier: MIT
#include "model/shared_words.h"

#include <mp/telemetry/wording.h>

#include <algorithm>

namespace mpstage::app {

using namespace mp::telemetry;

std::string valueWritesWords(const ValueState* value, bool array)
{
    std::int64_t writes = 0;
    std::int64_t last = 0;
    if (value)
        for (const auto& [index, cell] : value->cells()) {
            writes += std::max<std::int64_t>(0, cell.version);
            last = std::max(last, cell.version);
        }
    if (writes == 0)
        return "not written since it was made";
    const std::string times = writes == 1 ? "once" : std::to_string(writes) + " times";
    return "written " + times + " since it was made"
        + (array ? std::string(" (vN: that cell's writes)") : " (v" + std::to_string(last) + ")");
}

SharedMemoryWords sharedMemoryWords(const World& world, ObjectId block)
{
    SharedMemoryWords w;
    const ObjectInfo* info = world.object(block);
    if (!info)
        return w;
    w.title = world.objectName(block) + "  ·  SharedMemory(create=True, size=" + std::to_string(info->parameter) + ")";
    w.size = wording::count(static_cast<std::uint64_t>(std::max<std::int64_t>(0, info->parameter)), "byte");
    w.creator = info->creator;
    w.creatorName = info->creator ? world.actorName(info->creator) : std::string();
    w.unseen = "Its bytes are not drawn: writing into buf is plain memory access, which mpstage cannot see; nor can "
               "it see who attaches by name, closes or unlinks the block.";
    return w;
}

} // namespace mpstage::app
