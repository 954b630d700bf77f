// SPDX-License-Identifier: MIT
// RawValue and Value (Synchronized): one shared ctypes scalar, with or without a lock (items 51-56, 59).
#include "sharedctypes_detail.h"

#include <mp/errors.h>

namespace mp {

namespace {

std::shared_ptr<detail::CtypeObject> newValue(char typecode, const Object* initial, const LockArg& lock)
{
    auto obj = detail::newCtypeObject(typecode, 1, false);
    if (initial) // RawValue() runs first, so a bad initial value raises before any lock exists
        detail::storeElement(*obj->info, obj->data, *initial);
    obj->lock = lock.make();
    detail::announceCtype(*obj);
    return obj;
}

} // namespace

RawValue::RawValue(std::shared_ptr<detail::CtypeObject> obj)
    : value(obj, 0)
    , m_obj(std::move(obj))
{
}

RawValue::RawValue(char typecode)
    : RawValue(newValue(typecode, nullptr, false))
{
}

RawValue::RawValue(char typecode, const Object& initial)
    : RawValue(newValue(typecode, &initial, false))
{
}

RawValue::RawValue(const RawValue& other)
    : value(other.m_obj, 0)
    , m_obj(other.m_obj)
{
}

RawValue& RawValue::operator=(const RawValue& other)
{
    m_obj = other.m_obj;
    value.m_obj = other.m_obj; // rebinds, as Python rebinds a name; `value = ...` would copy the value
    return *this;
}

std::size_t ctypes_sizeof(const RawValue& obj)
{
    return obj.m_obj->info->size;
}

std::size_t ctypes_sizeof(const Value& obj)
{
    if (obj.m_obj->lock) // ctypes.sizeof(Synchronized) finds no C type behind the wrapper
        throw TypeError("this type has no size");
    return obj.m_obj->info->size;
}

std::string RawValue::repr() const
{
    return detail::reprElement(*m_obj->info, m_obj->data);
}

Value::Value(std::shared_ptr<detail::CtypeObject> obj)
    : value(obj, 0)
    , m_obj(std::move(obj))
{
}

telemetry::ObjectId Value::telemetry_id() const
{
    return m_obj->object;
}

Value::Value(char typecode)
    : Value(newValue(typecode, nullptr, true))
{
}

Value::Value(char typecode, const Object& initial, LockArg lock)
    : Value(newValue(typecode, &initial, lock))
{
}

Value::Value(const Value& other)
    : value(other.m_obj, 0)
    , m_obj(other.m_obj)
{
}

Value& Value::operator=(const Value& other)
{
    m_obj = other.m_obj;
    value.m_obj = other.m_obj;
    return *this;
}

AnyLock Value::get_lock() const
{
    return m_obj->lock ? *m_obj->lock : detail::lockOf(*m_obj, "get_lock");
}

RawValue Value::get_obj() const
{
    detail::lockOf(*m_obj, "get_obj");
    return RawValue(detail::withoutLock(*m_obj));
}

bool Value::acquire(bool block, Timeout timeout)
{
    return detail::lockOf(*m_obj, "acquire").acquire(block, timeout);
}

void Value::release()
{
    detail::lockOf(*m_obj, "release").release();
}

std::string Value::repr() const
{
    const std::string obj = detail::reprElement(*m_obj->info, m_obj->data);
    return m_obj->lock ? "<Synchronized wrapper for " + obj + ">" : obj;
}

} // namespace mp
