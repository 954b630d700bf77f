// SPDX-License-Identifier: MIT
#pragma once
// A few shared bytes for tests to observe what forked children did (instead of trusting what they say).

#include <sys/mman.h>

#include <cstddef>
#include <new>

namespace mptest {

template <typename T> class SharedScratch {
public:
    SharedScratch()
    {
        void* p = mmap(nullptr, sizeof(T), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            throw std::bad_alloc();
        m_value = new (p) T {};
    }
    ~SharedScratch() { munmap(m_value, sizeof(T)); }
    SharedScratch(const SharedScratch&) = delete;
    SharedScratch& operator=(const SharedScratch&) = delete;
    T& operator*() const { return *m_value; }
    T* operator->() const { return m_value; }

private:
    T* m_value;
};

} // namespace mptest
