// SPDX-License-Identifier: MIT
#pragma once
// Anonymous MAP_SHARED memory: created before fork, the same physical pages in every descendant, gone when
// the last process unmaps it. This is what backs every process-shared primitive, as multiprocessing's heap
// arenas back Value, Array and the SemLocks under the fork start method.

#include <cstddef>
#include <memory>
#include <new>
#include <utility>

namespace mp::detail {

class SharedBlock {
public:
    static std::shared_ptr<SharedBlock> create(std::size_t bytes);
    ~SharedBlock();
    SharedBlock(const SharedBlock&) = delete;
    SharedBlock& operator=(const SharedBlock&) = delete;

    void* data() const noexcept { return m_data; }
    std::size_t size() const noexcept { return m_size; }

private:
    SharedBlock(void* data, std::size_t size)
        : m_data(data)
        , m_size(size)
    {
    }
    void* m_data;
    std::size_t m_size;
};

// Lays out T objects inside a SharedBlock at cache-line boundaries.
template <typename T, typename... Args> T* placeShared(SharedBlock& block, std::size_t& offset, Args&&... args)
{
    constexpr std::size_t LINE = 64;
    offset = (offset + LINE - 1) / LINE * LINE;
    T* p = new (static_cast<char*>(block.data()) + offset) T(std::forward<Args>(args)...);
    offset += sizeof(T);
    return p;
}

} // namespace mp::detail
