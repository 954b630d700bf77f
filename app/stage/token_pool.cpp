// SPDX-License-Identifier: MIT
#include "stage/token_pool.h"

namespace mpstage::app {

void TokenPool::beginFrame()
{
    for (auto& [key, token] : m_tokens)
        token->seen = false;
}

TokenItem* TokenPool::token(std::uint64_t key, const TokenLook& look, QPointF spawn, bool* created)
{
    auto [it, inserted] = m_tokens.try_emplace(key, nullptr);
    if (inserted) {
        it->second = new TokenItem(m_owner);
        it->second->placeAt(spawn);
    }
    if (created)
        *created = inserted;
    it->second->setLook(look);
    it->second->seen = true;
    return it->second;
}

void TokenPool::endFrame()
{
    for (auto it = m_tokens.begin(); it != m_tokens.end();) {
        if (!it->second->seen) {
            delete it->second;
            it = m_tokens.erase(it);
        } else {
            ++it;
        }
    }
}

bool TokenPool::advance(double nowMs)
{
    bool moving = false;
    for (auto& [key, token] : m_tokens)
        moving = token->advanceTo(nowMs) || moving;
    return moving;
}

} // namespace mpstage::app
