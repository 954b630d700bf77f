// SPDX-License-Identifier: MIT
#pragma once
// The tokens one queue or pipe shows, keyed by item: each frame the owner touches the ones still visible,
// and the rest are removed. Bounded by what fits on screen, never one item per event.

#include "stage/token_item.h"

#include <cstdint>
#include <unordered_map>

namespace mpstage::app {

class TokenPool {
public:
    explicit TokenPool(QGraphicsItem* owner)
        : m_owner(owner)
    {
    }
    ~TokenPool() = default; // the tokens are children of the owner
    TokenPool(const TokenPool&) = delete;
    TokenPool& operator=(const TokenPool&) = delete;

    void beginFrame();
    // The token for this key, created at `spawn` if it is new (created is then true).
    TokenItem* token(std::uint64_t key, const TokenLook& look, QPointF spawn, bool* created = nullptr);
    void endFrame();
    bool advance(double nowMs); // true while any token moves
    std::size_t size() const { return m_tokens.size(); }

private:
    QGraphicsItem* m_owner;
    std::unordered_map<std::uint64_t, TokenItem*> m_tokens;
};

} // namespace mpstage::app
