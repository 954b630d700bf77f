// SPDX-License-Identifier: MIT
// Locked access to one element (Synchronized.value, SynchronizedArray[i]) and to a 'c' array's value/raw
// (SynchronizedString), each access one critical section as in CPython's make_property template (item 54).
#include "sharedctypes_detail.h"

#include <mp/errors.h>

#include <ostream>

namespace mp {

SharedRef::SharedRef(std::shared_ptr<detail::CtypeObject> obj, std::size_t index)
    : m_obj(std::move(obj))
    , m_index(index)
{
}

Object SharedRef::lockedLoad() const
{
    detail::CtypeLockGuard hold(*m_obj);
    return detail::loadElement(*m_obj->info, m_obj->at(m_index));
}

void SharedRef::lockedStore(const Object& value)
{
    detail::CtypeLockGuard hold(*m_obj);
    detail::storeElement(*m_obj->info, m_obj->at(m_index), value);
}

Object SharedRef::get() const { return detail::checkedForObject(*m_obj->info, lockedLoad()); }

void SharedRef::set(const Object& value) { lockedStore(value); }

SharedRef& SharedRef::operator+=(const Object& delta)
{
    const Object seen = lockedLoad();
    // The lock is free here: another process may store now, and the store below overwrites its update.
    lockedStore(detail::inplaceAdd(seen, delta));
    return *this;
}

SharedRef& SharedRef::operator-=(const Object& delta)
{
    const Object seen = lockedLoad();
    lockedStore(detail::inplaceSub(seen, delta));
    return *this;
}

Object SharedRef::operator++(int)
{
    const Object seen = lockedLoad();
    lockedStore(detail::inplaceAdd(seen, 1));
    return detail::checkedForObject(*m_obj->info, seen);
}

Object SharedRef::operator--(int)
{
    const Object seen = lockedLoad();
    lockedStore(detail::inplaceSub(seen, 1));
    return detail::checkedForObject(*m_obj->info, seen);
}

SharedRef::Number SharedRef::loadNumber() const
{
    const detail::CtypeInfo& info = *m_obj->info;
    if (info.kind == detail::CtypeKind::Char || info.kind == detail::CtypeKind::WideChar)
        throw TypeError(std::string("'") + (info.kind == detail::CtypeKind::Char ? "bytes" : "str")
            + "' object cannot be interpreted as a number; use get()");
    Number n;
    {
        detail::CtypeLockGuard hold(*m_obj);
        n.bits = detail::loadBits(m_obj->at(m_index), info.size);
    }
    n.isUnsigned = info.kind == detail::CtypeKind::Unsigned;
    n.isFloat = info.kind == detail::CtypeKind::Float;
    if (n.isFloat)
        n.real = detail::realFromBits(info, n.bits);
    else if (info.kind == detail::CtypeKind::Signed)
        n.bits = static_cast<std::uint64_t>(detail::signedFromBits(info, n.bits));
    return n;
}

std::ostream& operator<<(std::ostream& out, const SharedRef& ref)
{
    const Object seen = ref.lockedLoad();
    if (ref.m_obj->info->kind == detail::CtypeKind::Unsigned)
        return out << static_cast<std::uint64_t>(seen.as_int());
    return out << repr(seen);
}

SharedBytes::SharedBytes(std::shared_ptr<detail::CtypeObject> obj, Field field)
    : m_obj(std::move(obj))
    , m_field(field)
{
}

void SharedBytes::check() const
{
    if (m_obj->info->kind != detail::CtypeKind::Char)
        throw AttributeError("'" + m_obj->typeName() + "' object has no attribute '"
            + (m_field == Field::Value ? "value" : "raw") + "'");
}

Bytes SharedBytes::get() const
{
    check();
    std::string out;
    detail::CtypeLockGuard hold(*m_obj);
    for (std::size_t i = 0; i < m_obj->length; ++i) {
        const auto c = static_cast<char>(detail::loadBits(m_obj->at(i), 1));
        if (c == '\0' && m_field == Field::Value)
            break;
        out += c;
    }
    return Bytes(std::move(out));
}

void SharedBytes::set(const Object& value)
{
    check();
    detail::CtypeLockGuard hold(*m_obj);
    if (!value.is_bytes()) {
        if (m_field == Field::Value)
            throw TypeError(std::string("bytes expected instead of ") + value.type_name() + " instance");
        throw TypeError(std::string("a bytes-like object is required, not '") + value.type_name() + "'");
    }
    const std::string& bytes = value.as_bytes().data;
    if (bytes.size() > m_obj->length)
        throw ValueError("byte string too long");
    for (std::size_t i = 0; i < bytes.size(); ++i)
        detail::storeBits(m_obj->at(i), 1, static_cast<unsigned char>(bytes[i]));
    // .value ends the string with a NUL if there is room and leaves the bytes after it alone (item 58).
    if (m_field == Field::Value && bytes.size() < m_obj->length)
        detail::storeBits(m_obj->at(bytes.size()), 1, 0);
}

std::ostream& operator<<(std::ostream& out, const SharedBytes& ref) { return out << repr(ref.get()); }

} // namespace mp
