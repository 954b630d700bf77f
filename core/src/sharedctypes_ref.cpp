// SPDX-License-Identifier: MIT
// Locked access to one element (Synchronized.value, SynchronizedArray[i]) and to a 'c' array's value/raw
// (SynchronizedString), each access one critical section as in CPython's make_property template (item 54).
#include "actor/probe.h"
#include "sharedctypes_detail.h"

#include <mp/errors.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>

namespace mp {

SharedRef::SharedRef(std::shared_ptr<detail::CtypeObject> obj, std::size_t index)
    : m_obj(std::move(obj))
    , m_index(index)
{
}

SharedRef::SharedRef(Object copy)
    : m_copy(std::move(copy))
{
}

// `auto x = v.value;`: one locked read (a live cell's get()), or the value a copy already holds.
SharedRef::SharedRef(const SharedRef& other)
    : SharedRef(other.get())
{
}

// `x += d` on a copy: Python's arithmetic on the value it holds, no lock and no shared memory. Returns the
// value before.
Object SharedRef::addToCopy(const Object& delta, bool add)
{
    Object was = m_copy;
    m_copy = add ? detail::inplaceAdd(was, delta) : detail::inplaceSub(was, delta);
    return was;
}

Object SharedRef::lockedLoad() const
{
    detail::CtypeLockGuard hold(*m_obj);
    Object seen = detail::loadElement(*m_obj->info, m_obj->at(m_index));
    if (m_obj->object)
        detail::reportRead(*m_obj, m_index, seen);
    return seen;
}

void SharedRef::lockedStore(const Object& value)
{
    detail::CtypeLockGuard hold(*m_obj);
    if (!m_obj->object) {
        detail::storeElement(*m_obj->info, m_obj->at(m_index), value);
        return;
    }
    const Object old = detail::loadElement(*m_obj->info, m_obj->at(m_index));
    detail::storeElement(*m_obj->info, m_obj->at(m_index), value);
    detail::reportWrite(*m_obj, m_index, old, detail::loadElement(*m_obj->info, m_obj->at(m_index)));
}

Object SharedRef::get() const
{
    if (!m_obj)
        return m_copy;
    telemetry::probe::gate(false, "read value");
    return detail::checkedForObject(*m_obj->info, lockedLoad());
}

void SharedRef::set(const Object& value)
{
    if (!m_obj) {
        m_copy = value; // `x = 7` rebinds x, whatever it held
        return;
    }
    telemetry::probe::gate(false, "write value");
    lockedStore(value);
}

// `v.value += d`: the read, then (a micro-step) the write. The lock is free between them: another process
// may store there, and the store below overwrites its update (item 55). The value read goes to *seen if asked.
void SharedRef::readModifyWrite(const Object& delta, bool add, const char* what, Object* seen)
{
    if (!m_obj) {
        Object was = addToCopy(delta, add);
        if (seen)
            *seen = std::move(was);
        return;
    }
    telemetry::probe::gate(false, what);
    if (const std::optional<detail::NumberDelta> number = detail::NumberDelta::of(delta))
        if (detail::updateNumber(*m_obj, m_index, *number, add, seen))
            return;
    if (!seen)
        return addObject(delta, add);
    *seen = lockedLoad();
    telemetry::probe::gate(true, "write back");
    lockedStore(add ? detail::inplaceAdd(*seen, delta) : detail::inplaceSub(*seen, delta));
}

void SharedRef::addInteger(std::int64_t delta, bool add)
{
    if (!m_obj) {
        addToCopy(delta, add);
        return;
    }
    telemetry::probe::gate(false, add ? "value += n" : "value -= n");
    if (!detail::updateNumber(*m_obj, m_index, detail::NumberDelta { .integer = delta }, add, nullptr))
        addObject(delta, add);
}

// addInteger()'s general path, apart so that the fast one stays short.
[[gnu::noinline]] void SharedRef::addObject(const Object& delta, bool add)
{
    Object was = lockedLoad();
    telemetry::probe::gate(true, "write back");
    lockedStore(add ? detail::inplaceAdd(was, delta) : detail::inplaceSub(was, delta));
}

SharedRef& SharedRef::operator+=(const Object& delta)
{
    readModifyWrite(delta, true, "value += n", nullptr);
    return *this;
}

SharedRef& SharedRef::operator-=(const Object& delta)
{
    readModifyWrite(delta, false, "value -= n", nullptr);
    return *this;
}

Object SharedRef::operator++(int)
{
    Object seen;
    readModifyWrite(1, true, "value += 1", &seen);
    return m_obj ? detail::checkedForObject(*m_obj->info, std::move(seen)) : seen;
}

Object SharedRef::operator--(int)
{
    Object seen;
    readModifyWrite(1, false, "value -= 1", &seen);
    return m_obj ? detail::checkedForObject(*m_obj->info, std::move(seen)) : seen;
}

SharedRef::Number SharedRef::loadNumber() const
{
    if (!m_obj) { // a copy: the number it holds, a Python int, float or bool
        Number n;
        if (m_copy.is_bool())
            n.bits = m_copy.as_bool() ? 1 : 0;
        else if (m_copy.is_int())
            n.bits = static_cast<std::uint64_t>(m_copy.as_int());
        else if (m_copy.is_float()) {
            n.isFloat = true;
            n.real = m_copy.as_float();
        } else
            throw TypeError(
                std::string("'") + m_copy.type_name() + "' object cannot be interpreted as a number; use get()");
        return n;
    }
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
    if (!ref.m_obj)
        return out << repr(ref.m_copy);
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

// `auto x = a.value;`: the bytes read once (or a copy's), held from now on by x alone.
SharedBytes::SharedBytes(const SharedBytes& other)
    : m_field(other.m_field)
    , m_copy(other.get())
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
    if (!m_obj)
        return m_copy;
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
    if (m_obj)
        check();
    if (!value.is_bytes()) {
        if (m_field == Field::Value)
            throw TypeError(std::string("bytes expected instead of ") + value.type_name() + " instance");
        throw TypeError(std::string("a bytes-like object is required, not '") + value.type_name() + "'");
    }
    if (!m_obj) {
        m_copy = value.as_bytes();
        return;
    }
    detail::CtypeLockGuard hold(*m_obj);
    const std::string& bytes = value.as_bytes().str();
    if (bytes.size() > m_obj->length)
        throw ValueError("byte string too long");
    for (std::size_t i = 0; i < bytes.size(); ++i)
        detail::storeBits(m_obj->at(i), 1, static_cast<unsigned char>(bytes[i]));
    // .value ends the string with a NUL if there is room and leaves the bytes after it alone (item 58).
    if (m_field == Field::Value && bytes.size() < m_obj->length)
        detail::storeBits(m_obj->at(bytes.size()), 1, 0);
}

std::ostream& operator<<(std::ostream& out, const SharedBytes& ref)
{
    return out << repr(ref.get());
}

} // namespace mp
