// SPDX-License-Identifier: MIT
#include <mpstage/catalogue.h>

#include "../catalogue/scenes.h"

#include <algorithm>
#include <stdexcept>

namespace mpstage {

const std::vector<Scene>& catalogue()
{
    static const std::vector<Scene> all = [] {
        using namespace scenes;
        std::vector<SceneBody> bodies {
            feederLagBody(),
            boundedQueueBody(),
            queueSentinelBody(),
            consumerPoolBody(),
            queueSubtotalsBody(),
            pipeEofBody(),
            valueSeedBody(),
            valueIncrementBody(),
            lockHolderKilledBody(),
        };
        std::vector<Scene> out;
        for (const SceneInfo& info : sceneInfos()) {
            auto body = std::find_if(bodies.begin(), bodies.end(), [&](const SceneBody& b) { return b.id == info.id; });
            if (body == bodies.end())
                throw std::logic_error("the scene " + info.id + " has no body in src/catalogue.cpp");
            out.push_back(Scene { info, std::move(body->run), std::move(body->check) });
            bodies.erase(body);
        }
        if (!bodies.empty())
            throw std::logic_error("the body " + bodies.front().id + " has no metadata in src/scene_infos.cpp");
        return out;
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
