// SPDX-License-Identifier: MIT
#pragma once
// For a language runtime that hosts the engine (mpstage's Python module): its values travel through queues
// and pipes as mp::Foreign objects pickled by its own pickler, and its lock (Python's GIL) is let go while an
// engine call waits, as CPython's blocking calls let go of the GIL. Set once, before the first fork.

#include <mp/object.h>

#include <string_view>

namespace mp {

struct EmbeddingHooks {
    // Called before an engine call waits (a lock, a pipe, a gate, a join) and after; what beforeWait returns
    // is handed to afterWait. Nested waits call them again: beforeWait must then do nothing.
    void* (*beforeWait)() = nullptr;
    void (*afterWait)(void* state) = nullptr;
    // Turns a pickled foreign object that arrived back into a value of the host language.
    Object (*decodeForeign)(std::string_view pickled) = nullptr;
};

void set_embedding_hooks(const EmbeddingHooks& hooks);

namespace detail {

const EmbeddingHooks& embeddingHooks();

// Marks a wait inside the engine.
class Waiting {
public:
    Waiting()
        : m_state(embeddingHooks().beforeWait ? embeddingHooks().beforeWait() : nullptr)
    {
    }
    ~Waiting()
    {
        if (embeddingHooks().afterWait)
            embeddingHooks().afterWait(m_state);
    }
    Waiting(const Waiting&) = delete;
    Waiting& operator=(const Waiting&) = delete;

private:
    void* m_state;
};

} // namespace detail

} // namespace mp
