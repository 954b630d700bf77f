// SPDX-License-Identifier: MIT
// Storage and locks of shared ctypes objects: the shared block behind a Value or Array (items 51, 53).
#include "sharedctypes_detail.h"

#include <mp/errors.h>

#include <cstring>

namespace mp {

AnyLock::AnyLock(std::shared_ptr<Variant> lock)
    : m_semlock(lock, std::visit([](auto& l) -> SemLock* { return &l; }, *lock))
    , m_variant(lock.get())
{
}
AnyLock::AnyLock(Lock lock)
    : AnyLock(std::make_shared<Variant>(std::move(lock)))
{
}
AnyLock::AnyLock(RLock lock)
    : AnyLock(std::make_shared<Variant>(std::move(lock)))
{
}
AnyLock::AnyLock(Semaphore semaphore)
    : AnyLock(std::make_shared<Variant>(std::move(semaphore)))
{
}
AnyLock::AnyLock(BoundedSemaphore semaphore)
    : AnyLock(std::make_shared<Variant>(std::move(semaphore)))
{
}

std::string AnyLock::repr() const
{
    return std::visit([](const auto& lock) { return lock.repr(); }, *m_variant);
}

std::optional<AnyLock> LockArg::make() const
{
    if (m_lock)
        return m_lock;
    if (m_useLock)
        return AnyLock(RLock());
    return std::nullopt;
}

namespace detail {

std::string CtypeObject::rawTypeName() const
{
    if (isArray)
        return std::string(info->name) + "_Array_" + std::to_string(length);
    return info->name;
}

std::string CtypeObject::typeName() const
{
    if (!lock)
        return rawTypeName();
    if (!isArray)
        return "Synchronized";
    return info->kind == CtypeKind::Char ? "SynchronizedString" : "SynchronizedArray";
}

std::shared_ptr<CtypeObject> newCtypeObject(char typecode, std::size_t length, bool isArray)
{
    auto obj = std::make_shared<CtypeObject>();
    obj->info = &ctypeInfo(typecode);
    obj->length = length;
    obj->isArray = isArray;
    const std::size_t bytes = obj->info->size * length;
    // An empty array still gets a block: mmap refuses a length of 0.
    obj->block = SharedBlock::create(bytes == 0 ? 1 : bytes);
    obj->data = static_cast<std::byte*>(obj->block->data());
    std::memset(obj->data, 0, bytes); // fresh anonymous pages are zero already; this states item 51
    return obj;
}

AnyLock& lockOf(CtypeObject& obj, const char* attribute)
{
    if (!obj.lock)
        throw AttributeError("'" + obj.typeName() + "' object has no attribute '" + attribute + "'");
    return *obj.lock;
}

std::shared_ptr<CtypeObject> withoutLock(const CtypeObject& obj)
{
    auto raw = std::make_shared<CtypeObject>(obj);
    raw->lock.reset();
    return raw;
}

} // namespace detail

} // namespace mp
