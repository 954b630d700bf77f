// SPDX-License-Identifier: MIT
#include "shared_block.h"

#include <mp/errors.h>

#include <cerrno>
#include <sys/mman.h>
#include <unistd.h>

namespace mp::detail {

std::shared_ptr<SharedBlock> SharedBlock::create(std::size_t bytes)
{
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    const std::size_t size = (bytes + page - 1) / page * page;
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        raise_os_error(errno);
    return std::shared_ptr<SharedBlock>(new SharedBlock(p, size));
}

SharedBlock::~SharedBlock()
{
    munmap(m_data, m_size);
}

} // namespace mp::detail
