// SPDX-License-Identifier: MIT
#include <mpstage/catalogue.h>

#include "../catalogue/scenes.h"

namespace mpstage {

const std::vector<Scene>& catalogue()
{
    static const std::vector<Scene> all = [] {
        using namespace scenes;
        return std::vector<Scene> {
            feederLagScene(),
            qsizeVsEmptyScene(),
            boundedQueueScene(),
            queueSentinelScene(),
            consumerPoolScene(),
            joinableQueueScene(),
            queueSubtotalsScene(),
            joinBeforeDrainScene(),
            pipeEofScene(),
            pipeAdderScene(),
            pipeWorkerCountScene(),
            pipeBothSendScene(),
            recvBytesMaxlengthScene(),
            valueSeedScene(),
            valueIncrementScene(),
            sharedArrayScene(),
            piValueScene(),
            sharedMemoryPostboxScene(),
            lockContentionScene(),
            lockHolderKilledScene(),
        };
    }();
    return all;
}

const Scene* findScene(std::string_view id)
{
    for (const Scene& s : catalogue())
        if (s.id == id)
            return &s;
    return nullptr;
}

} // namespace mpstage
