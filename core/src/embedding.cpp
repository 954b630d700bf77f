// SPDX-License-Identifier: MIT
#include <mp/embedding.h>

namespace mp {

namespace {
EmbeddingHooks g_hooks;
}

void set_embedding_hooks(const EmbeddingHooks& hooks)
{
    g_hooks = hooks;
}

namespace detail {
const EmbeddingHooks& embeddingHooks()
{
    return g_hooks;
}
} // namespace detail

} // namespace mp
