// SPDX-License-Identifier: MIT
#include <mpstage/scene_info.h>

#include "../catalogue/scenes.h"

namespace mpstage {

const std::vector<SceneInfo>& sceneInfos()
{
    static const std::vector<SceneInfo> all = [] {
        using namespace scenes;
        return std::vector<SceneInfo> {
            feederLagInfo(),
            boundedQueueInfo(),
            queueSentinelInfo(),
            consumerPoolInfo(),
            queueSubtotalsInfo(),
            pipeEofInfo(),
            valueSeedInfo(),
            valueIncrementInfo(),
            lockHolderKilledInfo(),
        };
    }();
    return all;
}

const SceneInfo* findSceneInfo(std::string_view id)
{
    for (const SceneInfo& s : sceneInfos())
        if (s.id == id)
            return &s;
    return nullptr;
}

} // namespace mpstage
