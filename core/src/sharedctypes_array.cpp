// SPDX-License-Identifier: MIT
// RawArray and Array (SynchronizedArray / SynchronizedString): items, slices and iteration (items 57-59).
#include "sharedctypes_detail.h"

#include <mp/errors.h>

#include <cstdio>

namespace mp {

namespace {

using detail::CtypeKind;

std::size_t checkedLength(char typecode, std::int64_t size)
{
    detail::ctypeInfo(typecode); // `'z' * -1` is '' in Python, so an unknown typecode is reported first
    if (size < 0)
        throw ValueError("Array length must be >= 0, not " + std::to_string(size));
    return static_cast<std::size_t>(size);
}

// The items Python's `for x in values` would give, for the sequence types mp::Object has.
std::optional<std::vector<Object>> itemsOf(const Object& values)
{
    if (values.is_list())
        return std::vector<Object>(values.as_list().begin(), values.as_list().end());
    if (values.is_tuple())
        return std::vector<Object>(values.as_tuple().begin(), values.as_tuple().end());
    std::vector<Object> out;
    if (values.is_bytes()) {
        for (const char c : values.as_bytes().view())
            out.emplace_back(static_cast<unsigned char>(c));
        return out;
    }
    if (values.is_str()) {
        for (const char32_t c : detail::decodeUtf8(values.as_str()))
            out.emplace_back(detail::encodeUtf8(c));
        return out;
    }
    if (values.is_dict()) // iterates keys; only its length matters to the checks below
        for (const auto& [key, item] : values.as_dict())
            out.emplace_back(key);
    else
        return std::nullopt;
    return out;
}

std::shared_ptr<detail::CtypeObject> newArray(char typecode, const std::vector<Object>& init, const LockArg& lock)
{
    auto obj = detail::newCtypeObject(typecode, init.size(), true);
    for (std::size_t i = 0; i < init.size(); ++i)
        detail::storeElement(*obj->info, obj->at(i), init[i]);
    obj->lock = lock.make();
    detail::announceCtype(*obj);
    return obj;
}

std::shared_ptr<detail::CtypeObject> newArray(char typecode, std::int64_t size, const LockArg& lock)
{
    auto obj = detail::newCtypeObject(typecode, checkedLength(typecode, size), true);
    obj->lock = lock.make();
    detail::announceCtype(*obj);
    return obj;
}

std::shared_ptr<detail::CtypeObject> newArray(char typecode, const Object& sizeOrInit, const LockArg& lock)
{
    if (sizeOrInit.is_int() || sizeOrInit.is_bool())
        return newArray(typecode, sizeOrInit.as_int(), lock);
    auto items = itemsOf(sizeOrInit);
    if (!items)
        throw TypeError(std::string("object of type '") + sizeOrInit.type_name() + "' has no len()");
    return newArray(typecode, *items, lock);
}

} // namespace

namespace detail {

ArrayBase::ArrayBase(std::shared_ptr<CtypeObject> obj)
    : value(obj, SharedBytes::Field::Value)
    , raw(obj, SharedBytes::Field::Raw)
    , m_obj(std::move(obj))
{
}

ArrayBase::ArrayBase(const ArrayBase& other)
    : ArrayBase(other.m_obj)
{
}

ArrayBase& ArrayBase::operator=(const ArrayBase& other)
{
    m_obj = other.m_obj;
    value.m_obj = other.m_obj; // rebinds; assigning the SharedBytes would copy the bytes
    raw.m_obj = other.m_obj;
    return *this;
}

std::size_t ArrayBase::size() const
{
    return m_obj->length;
}

SharedRef ArrayBase::operator[](std::int64_t index) const
{
    const auto n = static_cast<std::int64_t>(m_obj->length);
    if (index < 0)
        index += n;
    if (index < 0 || index >= n)
        throw IndexError("invalid index");
    return SharedRef(m_obj, static_cast<std::size_t>(index));
}

Object ArrayBase::Iterator::operator*() const
{
    return (*m_array)[static_cast<std::int64_t>(m_index)].get();
}

Object ArrayBase::get_slice(std::int64_t start, std::int64_t stop) const
{
    return get_slice(mp::slice { start, stop });
}

Object ArrayBase::get_slice(const mp::slice& range) const
{
    const auto [from, to, step] = range.indices(m_obj->length); // ValueError for step 0 comes first
    const std::size_t count = range.length(m_obj->length);
    auto at = [&, from = from, step = step](std::size_t k) {
        return m_obj->at(static_cast<std::size_t>(from + static_cast<std::int64_t>(k) * step));
    };
    const CtypeInfo& info = *m_obj->info;
    CtypeLockGuard hold(*m_obj);
    if (info.kind == CtypeKind::Char || info.kind == CtypeKind::WideChar) {
        std::string out;
        for (std::size_t k = 0; k < count; ++k)
            out += info.kind == CtypeKind::Char ? std::string(1, static_cast<char>(loadBits(at(k), 1)))
                                                : encodeUtf8(static_cast<char32_t>(loadBits(at(k), 4)));
        return info.kind == CtypeKind::Char ? Object(Bytes(std::move(out))) : Object(std::move(out));
    }
    list out;
    out.reserve(count);
    for (std::size_t k = 0; k < count; ++k)
        out.push_back(checkedForObject(info, loadElement(info, at(k))));
    return out;
}

void ArrayBase::set_slice(std::int64_t start, std::int64_t stop, const Object& values)
{
    set_slice(mp::slice { start, stop }, values);
}

void ArrayBase::set_slice(const mp::slice& range, const Object& values)
{
    const auto [from, to, step] = range.indices(m_obj->length);
    const std::size_t count = range.length(m_obj->length);
    CtypeLockGuard hold(*m_obj);
    // ctypes' Array_ass_subscript says the same for a step of 1 or not, and for a value with no length.
    const auto items = itemsOf(values);
    if (!items || items->size() != count)
        throw ValueError("Can only assign sequence of same size");
    // Item by item, as ctypes does: a bad item raises with the items before it already written.
    for (std::size_t k = 0; k < count; ++k)
        storeElement(
            *m_obj->info, m_obj->at(static_cast<std::size_t>(from + static_cast<std::int64_t>(k) * step)), (*items)[k]);
}

void ArrayBase::set_slice(std::int64_t start, std::int64_t stop, std::initializer_list<Object> values)
{
    set_slice(mp::slice { start, stop }, list(values));
}

void ArrayBase::set_slice(const mp::slice& range, std::initializer_list<Object> values)
{
    set_slice(range, list(values));
}

std::string ArrayBase::rawRepr() const
{
    char address[32];
    std::snprintf(address, sizeof address, "%p", static_cast<void*>(m_obj->data));
    return "<multiprocessing.sharedctypes." + m_obj->rawTypeName() + " object at " + address + ">";
}

} // namespace detail

RawArray::RawArray(std::shared_ptr<detail::CtypeObject> obj)
    : ArrayBase(std::move(obj))
{
}
RawArray::RawArray(char typecode, std::int64_t size)
    : ArrayBase(newArray(typecode, size, false))
{
}
RawArray::RawArray(char typecode, std::initializer_list<Object> initializer)
    : ArrayBase(newArray(typecode, std::vector<Object>(initializer), false))
{
}
RawArray::RawArray(char typecode, const std::vector<Object>& initializer)
    : ArrayBase(newArray(typecode, initializer, false))
{
}
RawArray::RawArray(char typecode, const Object& sizeOrInitializer)
    : ArrayBase(newArray(typecode, sizeOrInitializer, false))
{
}

std::size_t ctypes_sizeof(const RawArray& obj)
{
    return obj.m_obj->info->size * obj.m_obj->length;
}

std::size_t ctypes_sizeof(const Array& obj)
{
    if (obj.m_obj->lock) // ctypes.sizeof(SynchronizedArray) finds no C type behind the wrapper
        throw TypeError("this type has no size");
    return obj.m_obj->info->size * obj.m_obj->length;
}

std::string RawArray::repr() const
{
    return rawRepr();
}

Array::Array(char typecode, std::int64_t size, LockArg lock)
    : ArrayBase(newArray(typecode, size, lock))
{
}
Array::Array(char typecode, std::initializer_list<Object> initializer, LockArg lock)
    : ArrayBase(newArray(typecode, std::vector<Object>(initializer), lock))
{
}
Array::Array(char typecode, const std::vector<Object>& initializer, LockArg lock)
    : ArrayBase(newArray(typecode, initializer, lock))
{
}
Array::Array(char typecode, const Object& sizeOrInitializer, LockArg lock)
    : ArrayBase(newArray(typecode, sizeOrInitializer, lock))
{
}

AnyLock Array::get_lock() const
{
    return detail::lockOf(*m_obj, "get_lock");
}

RawArray Array::get_obj() const
{
    detail::lockOf(*m_obj, "get_obj");
    return RawArray(detail::withoutLock(*m_obj));
}

bool Array::acquire(bool block, Timeout timeout)
{
    return detail::lockOf(*m_obj, "acquire").acquire(block, timeout);
}

void Array::release()
{
    detail::lockOf(*m_obj, "release").release();
}

std::string Array::repr() const
{
    return m_obj->lock ? "<" + m_obj->typeName() + " wrapper for " + rawRepr() + ">" : rawRepr();
}

} // namespace mp
